package io.kinesisbridge.common.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientSettingsTest {

  @Test
  void theUserAgentNamesTheProductAndVersion() {
    assertThat(ClientSettings.userAgent()).matches("kinesis-bridge/\\S+");
  }

  @Test
  void theRetryStrategyIsTheSdksStandardOneWithOurAttempts() {
    RetryStrategy strategy = ClientSettings.retryStrategy(7);

    assertThat(strategy.maxAttempts()).isEqualTo(7);
    assertThat(strategy).isInstanceOf(software.amazon.awssdk.retries.StandardRetryStrategy.class);
    assertThatThrownBy(() -> ClientSettings.retryStrategy(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theUserAgentHeaderCarriesKinesisBridgeOnTheWire() {
    AtomicReference<String> userAgent = new AtomicReference<>();
    ExecutionInterceptor capture =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            userAgent.set(context.httpRequest().firstMatchingHeader("User-Agent").orElse(""));
            // Stop before any byte goes out: this test must not touch the network.
            throw new StopBeforeSending();
          }
        };
    AwsSettings settings = AwsSettings.from(Map.of(AwsConfig.RETRY_MAX_ATTEMPTS_CONFIG, "1"));
    var overrides =
        ClientSettings.overrides(settings, true).toBuilder()
            .addExecutionInterceptor(capture)
            .build();

    try (KinesisClient client =
        KinesisClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:9"))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", "s")))
            .overrideConfiguration(overrides)
            .build()) {
      assertThatThrownBy(client::listStreams).isInstanceOf(StopBeforeSending.class);
    }

    assertThat(userAgent.get()).contains(ClientSettings.userAgent());
  }

  /** Thrown by the capturing interceptor to abort the call before transmission. */
  private static final class StopBeforeSending extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
