package io.kinesisbridge.sink.autoscale;

import io.kinesisbridge.sink.KinesisSinkConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class AutoscaleConfigTest {

  private static KinesisSinkConfig config(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("kinesis.stream.name", "orders");
    props.put("aws.region", "us-east-1");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return new KinesisSinkConfig(props);
  }

  @Test
  void autoscalingIsOffUnlessEnabledAndItsKeysAreThenNotChecked() {
    KinesisSinkConfig config =
        config("kinesis.autoscale.min.shards", "8", "kinesis.autoscale.max.shards", "4");

    assertThat(config.scalingPolicy()).isEmpty();
    assertThat(AutoscaleConfig.problems(config)).isEmpty();
  }

  @Test
  void enabledWithOnlyAMaximumGivesTheDocumentedDefaults() {
    ScalingPolicy policy =
        config("kinesis.autoscale.enabled", "true", "kinesis.autoscale.max.shards", "16")
            .scalingPolicy()
            .orElseThrow();

    assertThat(policy)
        .isEqualTo(
            new ScalingPolicy(
                1,
                16,
                0.8,
                0.3,
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofMinutes(15),
                false,
                8));
    assertThat(policy.targetUtilization()).isCloseTo(0.55, offset(1e-9));
  }

  @Test
  void everyKeyReachesThePolicy() {
    ScalingPolicy policy =
        config(
                "kinesis.autoscale.enabled", "true",
                "kinesis.autoscale.min.shards", "2",
                "kinesis.autoscale.max.shards", "40",
                "kinesis.autoscale.scale.out.utilization", "0.9",
                "kinesis.autoscale.scale.in.utilization", "0.2",
                "kinesis.autoscale.scale.out.after.ms", "60000",
                "kinesis.autoscale.scale.in.after.ms", "600000",
                "kinesis.autoscale.cooldown.ms", "120000",
                "kinesis.autoscale.max.changes.per.day", "10",
                "kinesis.autoscale.dry.run", "true")
            .scalingPolicy()
            .orElseThrow();

    assertThat(policy)
        .isEqualTo(
            new ScalingPolicy(
                2,
                40,
                0.9,
                0.2,
                Duration.ofMinutes(1),
                Duration.ofMinutes(10),
                Duration.ofMinutes(2),
                true,
                10));
  }

  @Test
  void aMissingMaximumIsReportedAgainstItAndFailsThePolicy() {
    KinesisSinkConfig config = config("kinesis.autoscale.enabled", "true");

    assertThat(AutoscaleConfig.problems(config))
        .containsOnlyKeys("kinesis.autoscale.max.shards")
        .extractingByKey("kinesis.autoscale.max.shards")
        .asString()
        .contains("Set kinesis.autoscale.max.shards", "caps what the stream costs");
    assertThatThrownBy(config::scalingPolicy)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kinesis.autoscale.max.shards");
  }

  @Test
  void aMinimumAboveTheMaximumIsReportedAgainstTheMinimum() {
    KinesisSinkConfig config =
        config(
            "kinesis.autoscale.enabled", "true",
            "kinesis.autoscale.min.shards", "8",
            "kinesis.autoscale.max.shards", "4");

    assertThat(AutoscaleConfig.problems(config))
        .containsOnlyKeys("kinesis.autoscale.min.shards")
        .extractingByKey("kinesis.autoscale.min.shards")
        .asString()
        .contains("(8) is above kinesis.autoscale.max.shards (4)");
  }

  @Test
  void aScaleInShareNotBelowTheScaleOutShareIsReportedAgainstTheScaleInShare() {
    KinesisSinkConfig equal =
        config(
            "kinesis.autoscale.enabled", "true",
            "kinesis.autoscale.max.shards", "4",
            "kinesis.autoscale.scale.out.utilization", "0.5",
            "kinesis.autoscale.scale.in.utilization", "0.5");

    assertThat(AutoscaleConfig.problems(equal))
        .containsOnlyKeys("kinesis.autoscale.scale.in.utilization")
        .extractingByKey("kinesis.autoscale.scale.in.utilization")
        .asString()
        .contains("must be below kinesis.autoscale.scale.out.utilization (0.5)");
  }

  @Test
  void thePolicyItselfRejectsWhatTheSettingsWouldReject() {
    assertThatThrownBy(() -> ScalingPolicy.builder().shards(0, 4).build())
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> ScalingPolicy.builder().shards(5, 4).build())
        .hasMessageContaining("between the minimum (5)");
    assertThatThrownBy(() -> ScalingPolicy.builder().shards(1, 4).utilization(0.5, 0.4).build())
        .hasMessageContaining("below the scale-out utilisation");
    assertThatThrownBy(() -> ScalingPolicy.builder().shards(1, 4).dailyChangeBudget(11).build())
        .hasMessageContaining("between 2 and 10");
  }
}
