package io.kinesisbridge.common.metrics;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.common.connect.SinkTasks;
import org.apache.kafka.common.config.AbstractConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.Supplier;

/** Starts a task's CloudWatch publisher when the connector's config opts in. */
public final class CloudWatchMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchMetrics.class);

  private CloudWatchMetrics() {}

  /**
   * The publisher of the task running on the calling thread, not yet started: a {@link
   * CloudWatchPublisher} with {@code metrics.cloudwatch.enabled=true}, else {@link
   * GaugePublisher#NONE}. Building the client makes no network call; should it fail all the same
   * (no region), the task runs on without CloudWatch metrics and says so once.
   *
   * @param config the connector's parsed config, with the Metrics and AWS groups
   * @param aws the connector's AWS settings (region from an ARN included); read only when enabled
   * @param defaultConnectorName the Connector dimension when the config has no {@code name}
   */
  public static GaugePublisher forTask(
      AbstractConfig config, Supplier<AwsSettings> aws, String defaultConnectorName) {
    CloudWatchMetricsSettings settings = CloudWatchMetricsSettings.from(config);
    if (!settings.enabled()) {
      return GaugePublisher.NONE;
    }
    String connector = config.originalsStrings().getOrDefault("name", defaultConnectorName);
    String task = SinkTasks.currentTaskId();
    AwsClientFactory factory = null;
    try {
      factory = AwsClientFactory.create(aws.get());
      CloudWatchPort port = new SdkCloudWatchPort(factory.cloudWatch(settings.endpoint()), factory);
      return new CloudWatchPublisher(settings, connector, task, port, Clock.systemUTC());
    } catch (RuntimeException e) {
      if (factory != null) {
        factory.close();
      }
      LOG.warn("CloudWatch metrics are off for {} task {}: {}", connector, task, e.toString());
      return GaugePublisher.NONE;
    }
  }
}
