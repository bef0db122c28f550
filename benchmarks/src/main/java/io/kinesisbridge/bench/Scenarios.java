package io.kinesisbridge.bench;

import io.kinesisbridge.bench.baseline.BareSyncPutRecordBatchSinkConnector;
import io.kinesisbridge.bench.baseline.BareSyncPutRecordsSinkConnector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The connector configurations the harness compares, all through the same worker, topic and
 * converters (string keys, byte values). Two families, each with its own bare synchronous baseline:
 * Kinesis (the bundle's Kinesis sink with aggregation off and on) and Firehose (the bundle's
 * Firehose sink with packing off and on).
 */
final class Scenarios {

  static final String BASELINE = "baseline";
  static final String SINK = "sink";
  static final String SINK_AGGREGATED = "sink-aggregated";
  static final String FIREHOSE_BASELINE = "firehose-baseline";
  static final String FIREHOSE = "firehose";
  static final String FIREHOSE_PACKED = "firehose-packed";
  static final List<String> KINESIS_NAMES = List.of(BASELINE, SINK, SINK_AGGREGATED);
  static final List<String> FIREHOSE_NAMES = List.of(FIREHOSE_BASELINE, FIREHOSE, FIREHOSE_PACKED);
  static final List<String> NAMES =
      List.of(BASELINE, SINK, SINK_AGGREGATED, FIREHOSE_BASELINE, FIREHOSE, FIREHOSE_PACKED);

  /** The Kinesis sink's ordering setting, which variants set. */
  static final String ORDERING = "kinesis.ordering";

  /** The bundle's Kinesis sink, loaded from plugin.path. */
  static final String SINK_CLASS = "io.kinesisbridge.sink.KinesisSinkConnector";

  /** The bundle's Firehose sink, loaded from plugin.path. */
  static final String FIREHOSE_SINK_CLASS = "io.kinesisbridge.firehose.FirehoseSinkConnector";

  /** Separates a scenario from the {@code kinesis.ordering} of its variant: {@code sink@none}. */
  private static final char VARIANT = '@';

  private Scenarios() {}

  static boolean isFirehose(String scenario) {
    return FIREHOSE_NAMES.contains(base(scenario));
  }

  /** The baseline {@code scenario} is compared with: the first of its family. */
  static String baselineOf(String scenario) {
    return isFirehose(scenario) ? FIREHOSE_BASELINE : BASELINE;
  }

  /** Whether {@code scenario} is the bundle's Kinesis sink, which has {@code kinesis.ordering}. */
  static boolean takesOrdering(String scenario) {
    return scenario.equals(SINK) || scenario.equals(SINK_AGGREGATED);
  }

  /** {@code scenario} run with {@code kinesis.ordering=ordering}. */
  static String variant(String scenario, String ordering) {
    return scenario + VARIANT + ordering;
  }

  /** The scenario a variant name stands for ({@code sink} for {@code sink@none}). */
  static String base(String name) {
    int at = name.indexOf(VARIANT);
    return at < 0 ? name : name.substring(0, at);
  }

  /** The {@code kinesis.ordering} a variant name sets, or null. */
  static String ordering(String name) {
    int at = name.indexOf(VARIANT);
    return at < 0 ? null : name.substring(at + 1);
  }

  /** The connector class {@code scenario} runs. */
  static String connectorClass(String scenario) {
    return switch (base(scenario)) {
      case BASELINE -> BareSyncPutRecordsSinkConnector.class.getName();
      case FIREHOSE_BASELINE -> BareSyncPutRecordBatchSinkConnector.class.getName();
      case SINK, SINK_AGGREGATED -> SINK_CLASS;
      case FIREHOSE, FIREHOSE_PACKED -> FIREHOSE_SINK_CLASS;
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    };
  }

  /**
   * The connector config of {@code scenario}; a variant ({@code sink@per-key}) also sets its {@code
   * kinesis.ordering}, over any {@code sink.kinesis.ordering} override.
   *
   * @param topic the pre-loaded topic
   * @param endpointSettings what points the connector at this run's stream on the endpoint
   * @param sinkOverrides extra settings for the bundle's sinks (not for the baselines); keys of the
   *     other family's prefix ({@code kinesis.} or {@code firehose.}) are left out
   */
  static Map<String, String> config(
      String scenario,
      String topic,
      Map<String, String> endpointSettings,
      Map<String, String> sinkOverrides) {
    Map<String, String> config = new HashMap<>();
    config.put("topics", topic);
    config.put("tasks.max", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.putAll(endpointSettings);
    switch (base(scenario)) {
      case BASELINE ->
          config.put("connector.class", BareSyncPutRecordsSinkConnector.class.getName());
      case FIREHOSE_BASELINE ->
          config.put("connector.class", BareSyncPutRecordBatchSinkConnector.class.getName());
      case SINK, SINK_AGGREGATED -> {
        config.put("connector.class", SINK_CLASS);
        config.put("aws.credentials.provider", "static");
        config.put(
            "kinesis.aggregation.enabled", String.valueOf(base(scenario).equals(SINK_AGGREGATED)));
        config.putAll(overridesWithout(sinkOverrides, "firehose."));
        if (ordering(scenario) != null) {
          config.put(ORDERING, ordering(scenario));
        }
      }
      case FIREHOSE, FIREHOSE_PACKED -> {
        config.put("connector.class", FIREHOSE_SINK_CLASS);
        config.put("aws.credentials.provider", "static");
        config.put(
            "firehose.aggregation.enabled", String.valueOf(scenario.equals(FIREHOSE_PACKED)));
        config.putAll(overridesWithout(sinkOverrides, "kinesis."));
      }
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    }
    return config;
  }

  private static Map<String, String> overridesWithout(
      Map<String, String> overrides, String otherPrefix) {
    Map<String, String> kept = new HashMap<>(overrides);
    kept.keySet().removeIf(key -> key.startsWith(otherPrefix));
    return kept;
  }
}
