package io.kinesisbridge.common.sink;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottlingTest {

  private static PipelineFixture<TestRecord> limited(double initial) {
    return limited(initial, 100);
  }

  private static PipelineFixture<TestRecord> limited(double initial, double increase) {
    return PipelineFixture.perRecord(
        PipelineFixture.settings()
            .ordered(false)
            .linger(Duration.ZERO)
            .entriesPerSecond(initial, 10, 1000)
            .entriesPerSecondIncrease(increase)
            .build());
  }

  @Test
  void throttledEntriesLowerTheRateAndComeBackAfterABackoff() {
    try (PipelineFixture<TestRecord> fixture = limited(1000)) {
      fixture.submitMany(4, 10);
      fixture.sender.failEntries(0, Set.of(0, 1, 2, 3), "ProvisionedThroughputExceededException");

      assertThat(fixture.pipeline.stats().entriesPerSecondLimit()).isEqualTo(500);
      assertThat(fixture.pipeline.stats().recordsThrottled()).isEqualTo(4);
      assertThat(fixture.sender.callCount()).isEqualTo(1);

      fixture.scheduler.advanceMillis(100);

      assertThat(fixture.sender.callCount()).isEqualTo(2);
      assertThat(fixture.sender.call(1).entries()).hasSize(4);
    }
  }

  @Test
  void aThrottledWholeCallLowersTheRateToo() {
    try (PipelineFixture<TestRecord> fixture = limited(1000)) {
      fixture.submitMany(2, 10);

      fixture.sender.failCall(
          0, ServiceUnavailableException.builder().message("Slow down.").build());

      assertThat(fixture.pipeline.stats().entriesPerSecondLimit()).isEqualTo(500);
      assertThat(fixture.pipeline.stats().recordsThrottled()).isEqualTo(2);
    }
  }

  @Test
  void successfulRequestsRaiseTheRateAgain() {
    try (PipelineFixture<TestRecord> fixture = limited(1000)) {
      fixture.submit(0, 10);
      fixture.sender.failEntries(0, Set.of(0), "ProvisionedThroughputExceededException");
      fixture.scheduler.advanceMillis(100);

      fixture.sender.succeed(1);
      fixture.submit(0, 10);
      fixture.sender.succeed(2);

      assertThat(fixture.pipeline.stats().entriesPerSecondLimit()).isEqualTo(700);
    }
  }

  @Test
  void aLowRateShrinksRequestsAndSpacesThemOut() {
    try (PipelineFixture<TestRecord> fixture = limited(10, 0)) {
      fixture.sender.autoSucceed();
      fixture.submitMany(25, 10);

      assertThat(fixture.sender.calls())
          .extracting(call -> call.entries().size())
          .containsExactly(10);

      fixture.scheduler.advanceMillis(500);
      assertThat(fixture.sender.sentEntries()).hasSize(15);
      fixture.scheduler.advanceMillis(1000);
      assertThat(fixture.sender.sentEntries()).hasSize(25);
    }
  }
}
