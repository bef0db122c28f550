package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.connect.ErrantRecords;
import io.kinesisbridge.common.sink.SubmissionBatch.Prepared;
import io.kinesisbridge.common.testing.FakeSinkTaskContext;
import io.kinesisbridge.common.testing.RenamingTransform;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
              return Prepared.skip(record);
            } else if ("bad".equals(record.value())) {
              return Prepared.reject(new DataException("bad"));
            }
            TestRecord prepared = new TestRecord(TP, record.kafkaOffset(), 10);
            return Prepared.send(new Submission<>(TP, record.kafkaOffset(), "s", TP, prepared, 10));
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
          record ->
              record.value() == null
                  ? Prepared.skip(record)
                  : Prepared.reject(new DataException("bad")));

      assertThat(fixture.pipeline.committable()).isEqualTo(Map.of(TP, 2L));
      assertThat(context.reported.get(0).record().topic()).isEqualTo("renamed-orders");
    }
  }

  @Test
  void aPreparationThatFailsMidBatchHandsNothingOverSoTheRedeliveredBatchIsSentOnce() {
    FakeSinkTaskContext context = new FakeSinkTaskContext(true, TP);
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().build())) {
      fixture.sender.autoSucceed();
      SubmissionBatch<TestRecord> batch =
          new SubmissionBatch<>(fixture.pipeline, ErrantRecords.from(context));
      List<SinkRecord> records = List.of(record(0, "a"), record(1, null), record(2, "b"));
      boolean[] streamReady = {false};
      Function<SinkRecord, Prepared<TestRecord>> prepare =
          record -> {
            if (record.value() == null) {
              return Prepared.skip(record);
            } else if (record.kafkaOffset() == 2 && !streamReady[0]) {
              throw new RetriableException("stream not ready");
            }
            TestRecord prepared = new TestRecord(TP, record.kafkaOffset(), 10);
            return Prepared.send(new Submission<>(TP, record.kafkaOffset(), "s", TP, prepared, 10));
          };

      assertThatThrownBy(() -> batch.submit(records, prepare))
          .isInstanceOf(RetriableException.class);
      fixture.sendNow();
      assertThat(fixture.sender.callCount()).as("nothing of the failed batch sent").isZero();
      // Connect offers the same records again.
      streamReady[0] = true;
      batch.submit(records, prepare);
      fixture.sendNow();

      assertThat(fixture.sender.sentEntries())
          .extracting(TestRecord::offset)
          .containsExactly(0L, 2L);
      assertThat(fixture.pipeline.committable()).containsEntry(TP, 3L);
    }
  }

  private static SinkRecord record(long offset, Object value) {
    return new SinkRecord(TP.topic(), TP.partition(), null, null, null, value, offset);
  }
}
