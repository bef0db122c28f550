package io.kinesisbridge.common.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowControlTest {

  @ParameterizedTest(name = "at most {0} requests in flight")
  @ValueSource(ints = {1, 2, 5})
  void theInFlightCapHoldsBackFullRequestsUntilOneCompletes(int cap) {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(
            PipelineFixture.settings()
                .ordered(false)
                .maxEntriesPerRequest(10)
                .maxInFlightRequests(cap)
                .build())) {
      fixture.submitMany(10 * (cap + 2), 1);

      assertThat(fixture.sender.outstanding()).hasSize(cap);
      fixture.sender.succeed(0);
      assertThat(fixture.sender.outstanding()).hasSize(cap);
      assertThat(fixture.sender.callCount()).isEqualTo(cap + 1);
      assertThat(fixture.pipeline.stats().inFlightRequests()).isEqualTo(cap);
    }
  }

  @Test
  void aPartlyFilledRequestWaitsForTheLingerOfItsOldestRecord() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(
            PipelineFixture.settings().ordered(false).linger(Duration.ofMillis(50)).build())) {
      fixture.submit(0, 10);
      fixture.scheduler.advanceMillis(30);
      fixture.submit(0, 10);
      assertThat(fixture.sender.callCount()).isZero();

      fixture.scheduler.advanceMillis(19);
      assertThat(fixture.sender.callCount()).isZero();
      fixture.scheduler.advanceMillis(1);

      assertThat(fixture.sender.callCount()).isEqualTo(1);
      assertThat(fixture.sender.call(0).entries()).hasSize(2);
    }
  }

  @Test
  void flushSendsAtOnceAndWaitsForTheAcknowledgements() throws Exception {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().linger(Duration.ofHours(1)).build())) {
      fixture.submit(0, 10);
      fixture.submit(1, 10);

      CompletableFuture<Boolean> flushed =
          CompletableFuture.supplyAsync(() -> fixture.pipeline.flush(Duration.ofSeconds(30)));
      assertThat(fixture.sender.awaitCalls(1, Duration.ofSeconds(10))).isTrue();
      assertThat(flushed).isNotDone();
      fixture.sender.succeed(0);

      assertThat(flushed.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(fixture.pipeline.committable()).hasSize(2);
    }
  }

  @Test
  void theProductionSchedulerFiresLingerOnItsNamedDaemonThread() throws Exception {
    FakeSender<TestRecord> sender = new FakeSender<TestRecord>().autoSucceed();
    CompletableFuture<Thread> sendingThread = new CompletableFuture<>();
    sender.onSend(call -> sendingThread.complete(Thread.currentThread()));
    try (DeliveryPipeline<TestRecord, TestRecord> pipeline =
        DeliveryPipeline.builder(Packer.perRecord(TestRecord::self, TestRecord::size), sender)
            .settings(
                PipelineFixture.settings()
                    .name("linger-check")
                    .linger(Duration.ofMillis(5))
                    .build())
            .build()) {
      TestRecord record = new TestRecord(TestRecord.tp(0), 0, 1);
      pipeline.submit(new Submission<>(record.partition(), 0, "s", record.partition(), record, 1));

      Thread thread = sendingThread.get(10, TimeUnit.SECONDS);

      assertThat(thread.getName()).isEqualTo("kinesis-bridge-linger-check");
      assertThat(thread.isDaemon()).isTrue();
      assertThat(pipeline.flush(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void flushReturnsFalseWhenTheTimeoutPassesAndNeverThrows() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().build())) {
      fixture.submit(0, 10);

      assertThat(fixture.pipeline.flush(Duration.ofMillis(20))).isFalse();
      assertThat(fixture.sender.callCount()).isEqualTo(1);
    }
  }

  @Test
  void flushOfAnEmptyPipelineSucceedsAtOnce() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().build())) {
      assertThat(fixture.pipeline.flush(Duration.ZERO)).isTrue();
    }
  }

  @Test
  void closeDropsWhatWaitsIgnoresLateAnswersAndRefusesNewRecords() {
    PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().ordered(true).build());
    fixture.submit(0, 10);
    fixture.sendNow();
    fixture.submit(0, 10);

    fixture.close();
    fixture.sender.succeed(0);

    assertThat(fixture.scheduler.isShutdown()).isTrue();
    assertThat(fixture.pipeline.committable()).isEmpty();
    assertThat(fixture.pipeline.stats().recordsDropped()).isEqualTo(2);
    assertThat(fixture.pipeline.bufferedBytes()).isZero();
    assertThat(fixture.pipeline.flush(Duration.ZERO)).isFalse();
    assertThatThrownBy(() -> fixture.submit(0, 10)).isInstanceOf(IllegalStateException.class);
    fixture.close();
  }

  @Test
  void statsCountRequestsEntriesAndLatency() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().ordered(false).build())) {
      fixture.submitMany(3, 10);
      fixture.sendNow();
      fixture.scheduler.advanceMillis(42);
      fixture.sender.succeed(0);

      PipelineStats stats = fixture.pipeline.stats();
      assertThat(stats.requestsSent()).isEqualTo(1);
      assertThat(stats.entriesSent()).isEqualTo(3);
      assertThat(stats.recordsSubmitted()).isEqualTo(3);
      assertThat(stats.lastRequestLatencyMillis()).isEqualTo(42);
      assertThat(stats.asGauges())
          .containsEntry("records-acknowledged-total", 3L)
          .containsEntry("requests-in-flight", 0);
    }
  }
}
