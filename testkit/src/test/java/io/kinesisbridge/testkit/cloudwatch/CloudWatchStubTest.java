package io.kinesisbridge.testkit.cloudwatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SDK's own CloudWatch client against the stub: the stub reads what the SDK really sends. */
class CloudWatchStubTest {

  private static final Instant WHEN = Instant.parse("2026-01-02T03:04:05Z");

  private final CloudWatchStub stub = CloudWatchStub.start();
  private final CloudWatchClient client =
      CloudWatchClient.builder()
          .region(Region.EU_WEST_1)
          .endpointOverride(stub.endpoint())
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
          .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
          .build();

  @AfterEach
  void close() {
    client.close();
    stub.close();
  }

  @Test
  void recordsTheDatumsOfAPutMetricDataRequestAsTheSdkSendsIt() {
    MetricDatum total =
        MetricDatum.builder()
            .metricName("records-acknowledged-total")
            .dimensions(dimension("Connector", "orders"), dimension("Task", "0"))
            .value(1234.0)
            .unit(StandardUnit.COUNT)
            .timestamp(WHEN)
            .build();
    MetricDatum bytes =
        MetricDatum.builder()
            .metricName("buffered-bytes")
            .value(0.5)
            .unit(StandardUnit.BYTES)
            .build();

    client.putMetricData(r -> r.namespace("KinesisBridge").metricData(total, bytes));

    assertThat(stub.rejected()).isEmpty();
    assertThat(stub.datums())
        .containsExactly(
            new ReceivedDatum(
                "KinesisBridge",
                "records-acknowledged-total",
                Map.of("Connector", "orders", "Task", "0"),
                1234.0,
                "Count",
                WHEN),
            new ReceivedDatum("KinesisBridge", "buffered-bytes", Map.of(), 0.5, "Bytes", null));
  }

  @Test
  void readsLargeRequestsThatTheSdkCompresses() {
    List<MetricDatum> many = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      many.add(
          MetricDatum.builder()
              .metricName("gauge-" + i)
              .dimensions(dimension("Connector", "orders"), dimension("Stream", "stream-" + i))
              .value((double) i)
              .build());
    }

    client.putMetricData(r -> r.namespace("KinesisBridge").metricData(many));

    assertThat(stub.rejected()).isEmpty();
    assertThat(stub.gzippedRequests()).isEqualTo(1);
    assertThat(stub.datums()).hasSize(400);
    assertThat(stub.datums().get(399).value()).isEqualTo(399.0);
  }

  @Test
  void answersWithTheChosenStatusWhileFailing() {
    stub.failWithStatus(500);

    assertThatThrownBy(() -> client.putMetricData(r -> r.namespace("N").metricData(one())))
        .isInstanceOf(CloudWatchException.class)
        .satisfies(e -> assertThat(((CloudWatchException) e).statusCode()).isEqualTo(500));
    assertThat(stub.datums()).isEmpty();

    stub.failWithStatus(0);
    client.putMetricData(r -> r.namespace("N").metricData(one()));
    assertThat(stub.datums()).hasSize(1);
  }

  private static MetricDatum one() {
    return MetricDatum.builder().metricName("m").value(1.0).build();
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }
}
