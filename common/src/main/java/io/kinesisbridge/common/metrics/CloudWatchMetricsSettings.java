package io.kinesisbridge.common.metrics;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The typed view of the {@link CloudWatchMetricsConfig} group.
 *
 * @param enabled whether to publish at all
 * @param namespace the CloudWatch namespace
 * @param interval time between two publications
 * @param shardDimensions whether per-shard gauges keep their Shard dimension
 * @param endpoint the CloudWatch endpoint override, if any
 */
public record CloudWatchMetricsSettings(
    boolean enabled,
    String namespace,
    Duration interval,
    boolean shardDimensions,
    Optional<URI> endpoint) {

  /**
   * Reads the Metrics group from a connector's parsed config.
   *
   * @throws ConfigException when the config's ConfigDef lacks the Metrics group
   */
  public static CloudWatchMetricsSettings from(AbstractConfig config) {
    Map<String, ?> values = config.values();
    if (!values.containsKey(CloudWatchMetricsConfig.ENABLED_CONFIG)) {
      throw new ConfigException(
          "The connector's ConfigDef has no Metrics group: add it with"
              + " CloudWatchMetricsConfig.addTo(ConfigDef)");
    }
    Object endpoint = values.get(CloudWatchMetricsConfig.ENDPOINT_URL_CONFIG);
    return new CloudWatchMetricsSettings(
        (Boolean) values.get(CloudWatchMetricsConfig.ENABLED_CONFIG),
        ((String) values.get(CloudWatchMetricsConfig.NAMESPACE_CONFIG)).trim(),
        Duration.ofMillis((Long) values.get(CloudWatchMetricsConfig.INTERVAL_MS_CONFIG)),
        (Boolean) values.get(CloudWatchMetricsConfig.SHARD_DIMENSIONS_CONFIG),
        endpoint == null || endpoint.toString().isBlank()
            ? Optional.empty()
            : Optional.of(URI.create(endpoint.toString().trim())));
  }
}
