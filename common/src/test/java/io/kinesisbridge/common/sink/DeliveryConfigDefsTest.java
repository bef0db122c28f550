package io.kinesisbridge.common.sink;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryConfigDefsTest {

  private static final DeliveryConfigDefs.Defaults DEFAULTS =
      new DeliveryConfigDefs.Defaults("svc.", "Svc", "PutThings", "target", 50L, " More.");

  @Test
  void definesTheSharedKeysUnderThePrefixWithTheServiceWords() {
    ConfigDef def = DeliveryConfigDefs.define(new ConfigDef(), DEFAULTS);
    Map<String, ConfigDef.ConfigKey> keys = def.configKeys();

    assertThat(keys)
        .containsOnlyKeys(
            "svc.linger.ms",
            "svc.max.in.flight.requests",
            "svc.buffer.max.bytes",
            "svc.delivery.timeout.ms",
            "svc.retry.backoff.ms",
            "svc.retry.backoff.max.ms",
            "svc.commit.wait.ms",
            "svc.null.value.behavior");
    assertThat(keys.get("svc.linger.ms").defaultValue).isEqualTo(50L);
    assertThat(keys.get("svc.linger.ms").documentation).endsWith("before it is sent. More.");
    // The batch limits of the sink come first in the Batching group.
    assertThat(keys.get("svc.linger.ms").orderInGroup).isEqualTo(3);
    assertThat(keys.get("svc.max.in.flight.requests").documentation)
        .isEqualTo("Most PutThings calls outstanding per target.");
    assertThat(keys.get("svc.buffer.max.bytes").documentation).contains("that Svc has not");
    assertThat(keys.get("svc.null.value.behavior").group).isEqualTo("Errors");
    assertThat(keys.get("svc.commit.wait.ms").defaultValue).isEqualTo(2_000L);
  }

  @Test
  void settingsReadTheKeysAndBuildThePipelineSettings() {
    ConfigDef def = DeliveryConfigDefs.define(new ConfigDef(), DEFAULTS);
    AbstractConfig config =
        new AbstractConfig(
            def, Map.of("svc.buffer.max.bytes", "2097152", "svc.null.value.behavior", "FAIL"));

    assertThat(DeliveryConfigDefs.nullValues(config, "svc."))
        .isEqualTo(DeliveryConfigDefs.NullValues.FAIL);
    assertThat(PipelineSettings.crossKeyProblems(config, "svc.")).isEmpty();
    PipelineSettings pipeline = PipelineSettings.fromConfig(config, "svc.").name("x").build();
    assertThat(pipeline.linger()).isEqualTo(Duration.ofMillis(50));
    assertThat(pipeline.bufferHighWatermarkBytes()).isEqualTo(2_097_152L);
    assertThat(pipeline.bufferLowWatermarkBytes()).isEqualTo(1_048_576L);
    assertThat(pipeline.maxInFlightRequests()).isEqualTo(8);
  }

  @Test
  void crossKeyProblemsNameTheKeysUnderThePrefix() {
    ConfigDef def = DeliveryConfigDefs.define(new ConfigDef(), DEFAULTS);
    AbstractConfig config =
        new AbstractConfig(
            def,
            Map.of(
                "svc.retry.backoff.ms", "5000",
                "svc.retry.backoff.max.ms", "2000",
                "svc.delivery.timeout.ms", "1000"));

    assertThat(PipelineSettings.crossKeyProblems(config, "svc."))
        .containsEntry(
            "svc.retry.backoff.ms",
            "svc.retry.backoff.ms must not exceed svc.retry.backoff.max.ms.")
        .containsEntry(
            "svc.delivery.timeout.ms",
            "svc.delivery.timeout.ms must be at least svc.retry.backoff.max.ms, or no retry could"
                + " happen.");
  }

  @Test
  void sendingNullValuesNeedsTheEnvelopeFormat() {
    ConfigDef def = DeliveryConfigDefs.define(new ConfigDef(), DEFAULTS);
    AbstractConfig config = new AbstractConfig(def, Map.of("svc.null.value.behavior", "send"));
    DeliveryConfigDefs.Keys envelope =
        new DeliveryConfigDefs.Keys(config, "svc.", true, "svc.format=envelope");
    DeliveryConfigDefs.Keys other =
        new DeliveryConfigDefs.Keys(config, "svc.", false, "svc.format=envelope");

    assertThat(envelope.problems()).isEmpty();
    assertThat(envelope.nullValueRule().send()).isTrue();
    assertThat(other.nullValueRule())
        .isEqualTo(
            new DeliveryConfigDefs.NullValueRule(
                false, false, "the value is null and svc.null.value.behavior=send"));
    assertThat(other.problems())
        .containsOnlyKeys("svc.null.value.behavior")
        .extractingByKey("svc.null.value.behavior")
        .asString()
        .contains("needs svc.format=envelope");
  }
}
