package io.kinesisbridge.bench;

import io.kinesisbridge.bench.baseline.BareSyncPutRecordsSinkConnector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The connector configurations the harness compares, all through the same worker, topic and
 * converters (string keys, byte values): the bare synchronous baseline and the bundle's sink with
 * aggregation off and on.
 */
final class Scenarios {

  static final String BASELINE = "baseline";
  static final String SINK = "sink";
  static final String SINK_AGGREGATED = "sink-aggregated";
  static final List<String> NAMES = List.of(BASELINE, SINK, SINK_AGGREGATED);

  /** The bundle's sink, loaded from plugin.path. */
  static final String SINK_CLASS = "io.kinesisbridge.sink.KinesisSinkConnector";

  private Scenarios() {}

  /**
   * The connector config of {@code scenario}.
   *
   * @param topic the pre-loaded topic
   * @param stream the stub stream this run writes to
   * @param endpoint the stub's endpoint URL
   * @param sinkOverrides extra settings for the bundle's sink (not for the baseline)
   */
  static Map<String, String> config(
      String scenario,
      String topic,
      String stream,
      String endpoint,
      Map<String, String> sinkOverrides) {
    Map<String, String> config = new HashMap<>();
    config.put("topics", topic);
    config.put("tasks.max", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.put("kinesis.stream.name", stream);
    config.put("aws.endpoint.url", endpoint);
    config.put("aws.region", "us-east-1");
    config.put("aws.access.key.id", "bench");
    config.put("aws.secret.access.key", "bench");
    switch (scenario) {
      case BASELINE ->
          config.put("connector.class", BareSyncPutRecordsSinkConnector.class.getName());
      case SINK, SINK_AGGREGATED -> {
        config.put("connector.class", SINK_CLASS);
        config.put("aws.credentials.provider", "static");
        config.put("kinesis.aggregation.enabled", String.valueOf(scenario.equals(SINK_AGGREGATED)));
        config.putAll(sinkOverrides);
      }
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    }
    return config;
  }
}
