package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.connect.ErrantRecords;
import io.kinesisbridge.common.testing.FakeSinkTaskContext;
import io.kinesisbridge.common.testing.RenamingTransform;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionBatchTest {

  private static final TopicPartition TP = TestRecord.tp(0);

  @Test
  void skippedAndRejectedRecordsKeepThePartitionsOffsetsInOrder() {
    FakeSinkTaskContext context = new FakeSinkTaskContext(true, TP);
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().build())) {
      SubmissionBatch<TestRecord> batch =
          new SubmissionBatch<>(fixture.pipeline, ErrantRecords.from(context));
      List<SinkRecord> records =
          List.of(record(0, "a"), record(1, null), record(2, "bad"), record(3, "b"));

      batch.submit(
          records,
          record -> {
            if (record.value() == null) {
              batch.skip(record);
            } else if ("bad".equals(record.value())) {
              batch.reject(record, new DataException("bad"));
            } else {
              TestRecord prepared = new TestRecord(TP, record.kafkaOffset(), 10);
              batch.add(new Submission<>(TP, record.kafkaOffset(), "s", TP, prepared, 10));
            }
          });

      // Offset 0 is not acknowledged yet, so the skipped offsets behind it must not commit.
      assertThat(fixture.pipeline.committable()).isEmpty();
      // Ordered lanes send offset 3 only once offset 0 is acknowledged: two rounds.
      for (int round = 0; round < 2; round++) {
        fixture.sendNow();
        fixture.sender.succeedAll();
      }
      assertThat(fixture.pipeline.committable()).containsEntry(TP, 4L);
      assertThat(batch.skipped()).isEqualTo(1);
      assertThat(batch.reported()).isEqualTo(1);
      assertThat(context.reported).hasSize(1);
      assertThat(context.reported.get(0).record().kafkaOffset()).isEqualTo(2);
    }
  }

  @Test
  void recordsRenamedByATransformSettleUnderThePartitionTheyWereReadFrom() {
    FakeSinkTaskContext context = new FakeSinkTaskContext(true, TP);
    RenamingTransform rename = new RenamingTransform("renamed-");
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().build())) {
      SubmissionBatch<TestRecord> batch =
          new SubmissionBatch<>(fixture.pipeline, ErrantRecords.from(context));
      List<SinkRecord> records =
          List.of(rename.apply(record(0, null)), rename.apply(record(1, "bad")));

      batch.submit(
          records,
          record -> {
            if (record.value() == null) {
              batch.skip(record);
            } else {
              batch.reject(record, new DataException("bad"));
            }
          });

      assertThat(fixture.pipeline.committable()).isEqualTo(Map.of(TP, 2L));
      assertThat(context.reported.get(0).record().topic()).isEqualTo("renamed-orders");
    }
  }

  private static SinkRecord record(long offset, Object value) {
    return new SinkRecord(TP.topic(), TP.partition(), null, null, null, value, offset);
  }
}
