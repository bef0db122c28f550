package io.kinesisbridge.sink.autoscale;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FallbackLoadTest {

  private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");

  /** A source that fails with {@code failure} when set, else measures {@code records}/s. */
  private static final class Source implements WriteLoadSource {
    final double records;
    RuntimeException failure;
    int calls;

    Source(double records) {
      this.records = records;
    }

    @Override
    public Optional<StreamLoadSample> sample(Instant now, int openShards) {
      calls++;
      if (failure != null) {
        throw failure;
      }
      return Optional.of(StreamLoadSample.ofTotals(now, openShards, 0, records, 0));
    }

    @Override
    public String description() {
      return "source of " + records;
    }
  }

  private static CloudWatchException denied() {
    return (CloudWatchException)
        CloudWatchException.builder()
            .statusCode(403)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("AccessDeniedException")
                    .errorMessage("not authorized to perform: cloudwatch:GetMetricData")
                    .build())
            .build();
  }

  @Test
  void cloudWatchMeasuresWhileAllowedAndTheOwnCountersOnceItIsDenied() {
    Source cloudWatch = new Source(700);
    Source own = new Source(300);
    FallbackLoad load = new FallbackLoad(cloudWatch, own, "orders");

    assertThat(load.sample(NOW, 1).orElseThrow().recordsPerSecond()).isEqualTo(700);
    cloudWatch.failure = denied();
    assertThat(load.sample(NOW, 1).orElseThrow().recordsPerSecond()).isEqualTo(300);
    cloudWatch.failure = null;
    assertThat(load.sample(NOW, 1).orElseThrow().recordsPerSecond())
        .as("once denied, CloudWatch is not asked again")
        .isEqualTo(300);
    assertThat(cloudWatch.calls).isEqualTo(2);
    assertThat(load.description()).isEqualTo("source of 300.0");
  }

  @Test
  void anyOtherFailureFailsTheCheckAndCloudWatchIsAskedAgainNextTime() {
    Source cloudWatch = new Source(700);
    FallbackLoad load = new FallbackLoad(cloudWatch, new Source(300), "orders");
    cloudWatch.failure = new IllegalStateException("connection reset");

    assertThatThrownBy(() -> load.sample(NOW, 1)).hasMessage("connection reset");
    cloudWatch.failure = null;
    assertThat(load.sample(NOW, 1).orElseThrow().recordsPerSecond()).isEqualTo(700);
  }
}
