package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartialFailureTest {

  private static PipelineFixture<TestRecord> unordered() {
    return PipelineFixture.perRecord(PipelineFixture.settings().ordered(false).build());
  }

  @Test
  void onlyTheFailedEntriesAreSentAgainAndEveryRecordIsAcknowledgedOnce() {
    try (PipelineFixture<TestRecord> fixture = unordered()) {
      List<TestRecord> records = fixture.submitMany(5, 10);
      fixture.sendNow();

      fixture.sender.failEntries(0, Set.of(1, 3), "ProvisionedThroughputExceededException");
      assertThat(fixture.pipeline.committable()).containsEntry(TestRecord.tp(0), 1L);
      fixture.scheduler.advanceMillis(100);
      fixture.sendNow();

      assertThat(fixture.sender.callCount()).isEqualTo(2);
      assertThat(fixture.sender.call(1).entries()).containsExactly(records.get(1), records.get(3));
      fixture.sender.succeed(1);
      PipelineStats stats = fixture.pipeline.stats();
      assertThat(stats.recordsAcknowledged()).isEqualTo(5);
      assertThat(stats.recordsRetried()).isEqualTo(2);
      assertThat(stats.recordsThrottled()).isEqualTo(2);
      assertThat(stats.bufferedRecords()).isZero();
      assertThat(stats.entriesSent()).isEqualTo(7);
      assertThat(fixture.pipeline.committable()).containsEntry(TestRecord.tp(0), 5L);
    }
  }

  @Test
  void aWholeCallFailingWithARetriableErrorSendsAllItsEntriesAgain() {
    try (PipelineFixture<TestRecord> fixture = unordered()) {
      List<TestRecord> records = fixture.submitMany(4, 10);
      fixture.sendNow();

      fixture.sender.failCall(
          0, new CompletionException(new IOException("Connection reset by peer")));
      fixture.scheduler.advanceMillis(100);
      fixture.sendNow();

      assertThat(fixture.sender.call(1).entries()).containsExactlyElementsOf(records);
      fixture.sender.succeed(1);
      assertThat(fixture.pipeline.stats().recordsAcknowledged()).isEqualTo(4);
      assertThat(fixture.pipeline.fatalFailure()).isEmpty();
    }
  }

  @Test
  void aSenderThrowingInsteadOfFailingItsFutureIsTreatedAsAFailedCall() {
    BatchSender<TestRecord> throwing =
        (destination, entries) -> {
          throw SdkClientException.create("Unable to execute HTTP request: connection closed");
        };
    ManualScheduler scheduler = new ManualScheduler();
    try (DeliveryPipeline<TestRecord, TestRecord> pipeline =
        DeliveryPipeline.builder(Packer.perRecord(TestRecord::self, TestRecord::size), throwing)
            .settings(PipelineFixture.settings().build())
            .scheduler(scheduler)
            .build()) {
      TestRecord record = new TestRecord(TestRecord.tp(0), 0, 1);
      pipeline.submit(
          new Submission<>(record.partition(), 0, "stream", record.partition(), record, 1));

      pipeline.flush(java.time.Duration.ZERO);

      assertThat(pipeline.stats().recordsRetried()).isEqualTo(1);
      assertThat(pipeline.fatalFailure()).isEmpty();
    }
  }

  @ParameterizedTest(name = "per-entry error {0} is fatal")
  @ValueSource(
      strings = {"AccessDeniedException", "ResourceNotFoundException", "KMSAccessDeniedException"})
  void aFatalPerEntryErrorStopsThePipelineWithAMessageNamingThePartition(String code) {
    try (PipelineFixture<TestRecord> fixture = unordered()) {
      fixture.submit(7, 10);
      fixture.submit(7, 10);
      fixture.sendNow();

      fixture.sender.failEntries(0, Set.of(1), code);

      assertThat(fixture.pipeline.fatalFailure())
          .hasValueSatisfying(
              failure -> {
                assertThat(failure.classification().isFatal()).isTrue();
                assertThat(failure.message())
                    .contains("1 record of topic-partition orders-7 (offset 1)")
                    .contains(PipelineFixture.STREAM)
                    .contains(code)
                    .contains("injected " + code);
              });
      assertThat(fixture.pipeline.committable()).containsEntry(TestRecord.tp(7), 1L);
      assertThat(fixture.pipeline.stats().recordsFailed()).isEqualTo(1);
      assertThatThrownBy(() -> fixture.submit(7, 10))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(code);
    }
  }

  @Test
  void aFatalWholeCallErrorStopsSendingAltogether() {
    try (PipelineFixture<TestRecord> fixture = unordered()) {
      fixture.submit(0, 10);
      fixture.sendNow();
      fixture.submit(0, 10);

      fixture.sender.failCall(
          0, ResourceNotFoundException.builder().message("Stream orders-stream not found").build());
      fixture.sendNow();
      fixture.scheduler.advanceMillis(10_000);

      assertThat(fixture.sender.callCount()).isEqualTo(1);
      assertThat(fixture.pipeline.fatalFailure())
          .hasValueSatisfying(
              failure ->
                  assertThat(failure.message())
                      .contains("orders-0", "does not exist", "Stream orders-stream not found"));
      assertThat(fixture.pipeline.flush(java.time.Duration.ofSeconds(1))).isFalse();
    }
  }

  @Test
  void aSuccessTheInspectorRejectsIsSentAgain() {
    Set<Long> rejectOnce = new java.util.HashSet<>(Set.of(1L));
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.with(
            Packer.perRecord(record -> record, TestRecord::size),
            PipelineFixture.settings().ordered(false).build(),
            b ->
                b.successInspector(
                    (entry, outcome) ->
                        !("shardId-1".equals(outcome.shardId())
                            && rejectOnce.remove(entry.offset()))))) {
      List<TestRecord> records = fixture.submitMany(2, 10);
      fixture.sendNow();

      fixture.sender.answer(
          0, List.of(EntryOutcome.succeededOn("shardId-0"), EntryOutcome.succeededOn("shardId-1")));
      fixture.scheduler.advanceMillis(100);
      fixture.sendNow();

      assertThat(fixture.sender.call(1).entries()).containsExactly(records.get(1));
      fixture.sender.succeed(1);
      assertThat(fixture.pipeline.committable()).containsEntry(TestRecord.tp(0), 2L);
      assertThat(fixture.pipeline.stats().recordsRetried()).isEqualTo(1);
    }
  }

  @Test
  void aSenderAnsweringTheWrongNumberOfOutcomesIsAFatalFailure() {
    try (PipelineFixture<TestRecord> fixture = unordered()) {
      fixture.submitMany(3, 10);
      fixture.sendNow();

      fixture.sender.answer(0, FakeSender.successes(2));

      assertThat(fixture.pipeline.fatalFailure())
          .hasValueSatisfying(
              f -> assertThat(f.message()).contains("2 outcomes for a request of 3 entries"));
    }
  }
}
