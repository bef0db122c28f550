package io.kinesisbridge.common.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTimeoutTest {

  private static PipelineFixture<TestRecord> withTimeout(Duration timeout) {
    return PipelineFixture.perRecord(
        PipelineFixture.settings()
            .ordered(true)
            .deliveryTimeout(timeout)
            .backoff(Duration.ofMillis(100), Duration.ofMillis(100))
            .build());
  }

  @Test
  void aRecordNeverAnsweredFailsThePipelineAfterTheTimeoutNamingItsPartition() {
    try (PipelineFixture<TestRecord> fixture = withTimeout(Duration.ofSeconds(2))) {
      fixture.submit(3, 10);
      fixture.submit(3, 10);
      fixture.sendNow();

      fixture.scheduler.advanceMillis(1900);
      assertThat(fixture.pipeline.fatalFailure()).isEmpty();
      fixture.scheduler.advanceMillis(200);

      assertThat(fixture.pipeline.fatalFailure())
          .hasValueSatisfying(
              failure -> {
                assertThat(failure.message())
                    .contains("Could not deliver 2 records of topic-partition orders-3")
                    .contains("within 2000 ms")
                    .contains("last error: none");
                assertThat(failure.classification().code()).isEqualTo("DeliveryTimeout");
              });
      assertThat(fixture.pipeline.stats().recordsFailed()).isEqualTo(2);
    }
  }

  @Test
  void theTimeoutMessageCarriesTheLastError() {
    try (PipelineFixture<TestRecord> fixture = withTimeout(Duration.ofSeconds(1))) {
      fixture.submit(0, 10);
      fixture.sendNow();
      for (int call = 0; call < 8; call++) {
        fixture.sender.failEntries(call, Set.of(0), "InternalFailure");
        fixture.scheduler.advanceMillis(100);
        fixture.sendNow();
      }
      fixture.scheduler.advanceMillis(300);

      assertThat(fixture.pipeline.fatalFailure())
          .hasValueSatisfying(
              failure ->
                  assertThat(failure.message())
                      .contains("orders-0")
                      .contains(
                          "last error: retriable: AWS had an internal error [InternalFailure]"));
    }
  }

  @Test
  void recordsAcknowledgedInTimeNeverTimeOut() {
    try (PipelineFixture<TestRecord> fixture = withTimeout(Duration.ofSeconds(1))) {
      fixture.sender.autoSucceed();
      for (int i = 0; i < 30; i++) {
        fixture.submit(0, 10);
        fixture.scheduler.advanceMillis(200);
      }

      fixture.scheduler.advanceMillis(5000);

      assertThat(fixture.pipeline.fatalFailure()).isEmpty();
      assertThat(fixture.pipeline.stats().recordsAcknowledged()).isEqualTo(30);
    }
  }
}
