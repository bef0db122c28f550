package io.kinesisbridge.common.metrics;

import io.kinesisbridge.common.aws.AwsConfig;
import io.kinesisbridge.common.aws.AwsSettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CloudWatchMetricsConfigTest {

  private static final ConfigDef DEF = AwsConfig.addTo(CloudWatchMetricsConfig.configDef());

  @Test
  void defaultsAreOffWithTheKinesisBridgeNamespaceEveryMinuteAndNoShardDimensions() {
    CloudWatchMetricsSettings settings =
        CloudWatchMetricsSettings.from(new AbstractConfig(DEF, Map.of()));

    assertThat(settings)
        .isEqualTo(
            new CloudWatchMetricsSettings(
                false, "KinesisBridge", Duration.ofMinutes(1), false, Optional.empty()));
  }

  @Test
  void everyKeyIsRead() {
    Map<String, String> props = new HashMap<>();
    props.put(CloudWatchMetricsConfig.ENABLED_CONFIG, "true");
    props.put(CloudWatchMetricsConfig.NAMESPACE_CONFIG, "Team/Kinesis Bridge");
    props.put(CloudWatchMetricsConfig.INTERVAL_MS_CONFIG, "10000");
    props.put(CloudWatchMetricsConfig.SHARD_DIMENSIONS_CONFIG, "true");
    props.put(CloudWatchMetricsConfig.ENDPOINT_URL_CONFIG, "http://127.0.0.1:4566");

    CloudWatchMetricsSettings settings =
        CloudWatchMetricsSettings.from(new AbstractConfig(DEF, props));

    assertThat(settings)
        .isEqualTo(
            new CloudWatchMetricsSettings(
                true,
                "Team/Kinesis Bridge",
                Duration.ofSeconds(10),
                true,
                Optional.of(URI.create("http://127.0.0.1:4566"))));
  }

  @Test
  void anIntervalBelowTenSecondsIsRejectedInPlainWords() {
    assertThat(errorsOf(CloudWatchMetricsConfig.INTERVAL_MS_CONFIG, "1000"))
        .singleElement()
        .asString()
        .contains("at least 10000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS/Kinesis", "bad|namespace", ""})
  void namespacesCloudWatchRefusesAreRejected(String namespace) {
    assertThat(errorsOf(CloudWatchMetricsConfig.NAMESPACE_CONFIG, namespace)).isNotEmpty();
  }

  @Test
  void aMalformedEndpointIsRejected() {
    assertThat(errorsOf(CloudWatchMetricsConfig.ENDPOINT_URL_CONFIG, "localhost:4566"))
        .isNotEmpty();
  }

  @Test
  void disabledMetricsStartNoPublisherAndNeedNoAwsSettings() {
    AbstractConfig config = new AbstractConfig(DEF, Map.of());

    GaugePublisher publisher =
        CloudWatchMetrics.forTask(
            config,
            () -> {
              throw new AssertionError("AWS settings read although metrics are off");
            },
            "sink");

    assertThat(publisher).isSameAs(GaugePublisher.NONE);
  }

  @Test
  void enabledMetricsStartAPublisherThatCloseStops() {
    Map<String, String> props = new HashMap<>();
    props.put(CloudWatchMetricsConfig.ENABLED_CONFIG, "true");
    props.put(CloudWatchMetricsConfig.ENDPOINT_URL_CONFIG, "http://127.0.0.1:9");
    props.put(AwsConfig.REGION_CONFIG, "eu-west-1");
    props.put(AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "static");
    props.put(AwsConfig.ACCESS_KEY_ID_CONFIG, "AKIDEXAMPLE");
    props.put(AwsConfig.SECRET_ACCESS_KEY_CONFIG, "secret");
    AbstractConfig config = new AbstractConfig(DEF, props);

    GaugePublisher publisher =
        CloudWatchMetrics.forTask(config, () -> AwsSettings.from(config), "sink");

    assertThat(publisher).isInstanceOf(CloudWatchPublisher.class);
    publisher.start();
    assertThat(((CloudWatchPublisher) publisher).terminated()).isFalse();
    publisher.close();
    assertThat(((CloudWatchPublisher) publisher).terminated()).isTrue();
  }

  private static List<String> errorsOf(String key, String value) {
    Map<String, String> props = Map.of(key, value);
    return DEF.validate(props).stream()
        .filter(v -> v.name().equals(key))
        .map(ConfigValue::errorMessages)
        .findFirst()
        .orElseThrow();
  }
}
