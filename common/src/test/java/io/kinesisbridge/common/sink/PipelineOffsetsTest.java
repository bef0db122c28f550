package io.kinesisbridge.common.sink;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineOffsetsTest {

  private static PipelineFixture<TestRecord> oneEntryPerRequest() {
    return PipelineFixture.perRecord(
        PipelineFixture.settings().ordered(false).maxEntriesPerRequest(1).build());
  }

  @Test
  void committableStaysAtTheFirstUnacknowledgedRecordUntilTheRecordsBelowAreAcknowledged() {
    try (PipelineFixture<TestRecord> fixture = oneEntryPerRequest()) {
      fixture.submitMany(3, 10);
      fixture.sendNow();
      assertThat(fixture.sender.callCount()).isEqualTo(3);

      fixture.sender.succeed(2);
      assertThat(fixture.pipeline.committable()).isEmpty();
      fixture.sender.succeed(0);
      assertThat(fixture.pipeline.committable()).containsEntry(TestRecord.tp(0), 1L);
      fixture.sender.succeed(1);
      assertThat(fixture.pipeline.committable()).containsEntry(TestRecord.tp(0), 3L);
    }
  }

  @Test
  void skippedRecordsAreCommittableWithoutBeingSent() {
    try (PipelineFixture<TestRecord> fixture = oneEntryPerRequest()) {
      fixture.pipeline.skip(TestRecord.tp(4), 10);
      assertThat(fixture.pipeline.committable()).containsEntry(TestRecord.tp(4), 11L);
      assertThat(fixture.sender.callCount()).isZero();
      assertThat(fixture.pipeline.stats().recordsSkipped()).isEqualTo(1);
    }
  }

  @Test
  void aSkippedRecordBetweenPendingOnesWaitsForThem() {
    try (PipelineFixture<TestRecord> fixture = oneEntryPerRequest()) {
      fixture.submit(0, 10);
      fixture.pipeline.skip(TestRecord.tp(0), 1);
      fixture.sendNow();
      assertThat(fixture.pipeline.committable()).isEmpty();

      fixture.sender.succeed(0);

      assertThat(fixture.pipeline.committable()).containsEntry(TestRecord.tp(0), 2L);
    }
  }

  @Test
  void forgettingAPartitionDropsItsWaitingRecordsAndIgnoresItsRecordsInFlight() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().ordered(false).build())) {
      fixture.submit(0, 10);
      fixture.submit(1, 20);
      fixture.sendNow();
      fixture.submit(0, 30);
      fixture.submit(1, 40);

      fixture.pipeline.forget(Set.of(TestRecord.tp(0)));

      assertThat(fixture.pipeline.bufferedBytes()).isEqualTo(10 + 20 + 40);
      fixture.sender.succeed(0);
      assertThat(fixture.pipeline.committable()).containsOnlyKeys(TestRecord.tp(1));
      fixture.sendNow();
      assertThat(fixture.sender.call(1).entries())
          .extracting(TestRecord::partition)
          .containsExactly(TestRecord.tp(1));
      fixture.sender.succeed(1);
      assertThat(fixture.pipeline.committable())
          .containsExactly(java.util.Map.entry(TestRecord.tp(1), 2L));
      PipelineStats stats = fixture.pipeline.stats();
      assertThat(stats.bufferedBytes()).isZero();
      assertThat(stats.recordsDropped()).isEqualTo(2);
      assertThat(stats.recordsAcknowledged()).isEqualTo(2);
    }
  }

  @Test
  void aForgottenRecordThatFailsInFlightIsNotRetried() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().ordered(true).build())) {
      fixture.submit(0, 10);
      fixture.submit(0, 10);
      fixture.sendNow();

      fixture.pipeline.forget(List.of(TestRecord.tp(0)));
      fixture.sender.failEntries(0, Set.of(0), "InternalFailure");
      fixture.scheduler.advanceMillis(1000);
      fixture.sendNow();

      assertThat(fixture.sender.callCount()).isEqualTo(1);
      assertThat(fixture.pipeline.stats().bufferedRecords()).isZero();
      assertThat(fixture.pipeline.flush(java.time.Duration.ZERO)).isTrue();
    }
  }

  @Test
  void aPartitionAssignedAgainStartsAfresh() {
    try (PipelineFixture<TestRecord> fixture = oneEntryPerRequest()) {
      fixture.sender.autoSucceed();
      fixture.submit(0, 10);
      fixture.sendNow();
      fixture.pipeline.forget(List.of(TestRecord.tp(0)));
      assertThat(fixture.pipeline.committable()).isEmpty();

      fixture.pipeline.submit(
          new Submission<>(
              TestRecord.tp(0),
              0,
              PipelineFixture.STREAM,
              TestRecord.tp(0),
              new TestRecord(TestRecord.tp(0), 0, 5),
              5));
      fixture.sendNow();

      assertThat(fixture.pipeline.committable()).containsEntry(TestRecord.tp(0), 1L);
    }
  }
}
