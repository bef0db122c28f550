package io.kinesisbridge.sink;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The autoscaling keys as the Connect REST validate call and the connector's start see them. */
class KinesisSinkConnectorAutoscaleTest {

  private static Map<String, String> props(String key, String value) {
    Map<String, String> props = new HashMap<>();
    props.put("kinesis.stream.name", "orders");
    props.put("aws.region", "us-east-1");
    props.put("kinesis.autoscale.enabled", "true");
    props.put("kinesis.autoscale.max.shards", "8");
    props.put(key, value);
    return props;
  }

  private static ConfigValue validated(Map<String, String> props, String key) {
    return new KinesisSinkConnector()
        .validate(props).configValues().stream()
            .filter(v -> v.name().equals(key))
            .findFirst()
            .orElseThrow();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "kinesis.autoscale.min.shards, 0, at least 1",
    "kinesis.autoscale.max.shards, 10001, at most 10000",
    "kinesis.autoscale.scale.out.utilization, 0, above 0 and at most 1",
    "kinesis.autoscale.scale.out.utilization, 1.5, above 0 and at most 1",
    "kinesis.autoscale.scale.in.utilization, -0.1, above 0 and at most 1",
    "kinesis.autoscale.max.changes.per.day, 11, no more than 10",
    "kinesis.autoscale.min.shards, 9, is above kinesis.autoscale.max.shards (8)",
    "kinesis.autoscale.scale.in.utilization, 0.8, must be below"
  })
  void badAutoscalingValuesAreReportedInPlainWordsAgainstTheirKey(
      String key, String value, String expected) {
    assertThat(validated(props(key, value), key).errorMessages())
        .singleElement()
        .asString()
        .contains(expected);
  }

  @Test
  void aConnectorWithConflictingAutoscalingKeysFailsToStartWithTheReason() {
    KinesisSinkConnector connector = new KinesisSinkConnector();

    assertThatThrownBy(() -> connector.start(props("kinesis.autoscale.min.shards", "9")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kinesis.autoscale.min.shards (9) is above");
  }
}
