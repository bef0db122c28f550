package io.kinesisbridge.common.sink;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A million records flow through the bookkeeping with an instant sender; counts only. */
class ThroughputSanityTest {

  private static final int RECORDS = 1_000_000;
  private static final int PARTITIONS = 64;
  private static final int PUT_SIZE = 2_000;

  @ParameterizedTest(name = "ordered = {0}")
  @ValueSource(booleans = {false, true})
  void aMillionRecordsAreAllAcknowledgedAndCommitted(boolean ordered) {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(
            PipelineFixture.settings()
                .ordered(ordered)
                .linger(Duration.ofSeconds(1))
                .bufferHighWatermarkBytes(Long.MAX_VALUE)
                .build())) {
      fixture.sender.autoSucceed();
      long[] offsets = new long[PARTITIONS];
      List<Submission<TestRecord>> put = new ArrayList<>(PUT_SIZE);
      for (int i = 0; i < RECORDS; i++) {
        TopicPartition tp = TestRecord.tp(i % PARTITIONS);
        long offset = offsets[i % PARTITIONS]++;
        TestRecord record = new TestRecord(tp, offset, 100);
        put.add(new Submission<>(tp, offset, PipelineFixture.STREAM, tp, record, 100));
        if (put.size() == PUT_SIZE) {
          fixture.pipeline.submitAll(put);
          put = new ArrayList<>(PUT_SIZE);
        }
      }

      assertThat(fixture.pipeline.flush(Duration.ofSeconds(30))).isTrue();

      PipelineStats stats = fixture.pipeline.stats();
      assertThat(stats.recordsAcknowledged()).isEqualTo(RECORDS);
      assertThat(stats.entriesSent()).isEqualTo(RECORDS);
      assertThat(stats.bufferedBytes()).isZero();
      assertThat(fixture.pipeline.committable())
          .hasSize(PARTITIONS)
          .allSatisfy((tp, offset) -> assertThat(offset).isEqualTo(RECORDS / PARTITIONS));
      if (!ordered) {
        assertThat(stats.requestsSent()).isEqualTo(RECORDS / 500);
      }
    }
  }
}
