package io.kinesisbridge.sink;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.aws.AwsConfig;
import io.kinesisbridge.common.config.ConfigErrors;
import io.kinesisbridge.common.metrics.CloudWatchMetricsSettings;
import io.kinesisbridge.sink.autoscale.AutoscaleConfig;
import io.kinesisbridge.sink.autoscale.ConnectorAutoscaling;
import io.kinesisbridge.sink.autoscale.ScalingPolicy;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka topics to Kinesis Data Streams. Every task gets the same settings; Connect spreads the
 * topic partitions over the tasks, and each task writes its partitions' records with PutRecords.
 */
public final class KinesisSinkConnector extends SinkConnector {

  private Map<String, String> props;
  private ConnectorAutoscaling autoscaling;

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public ConfigDef config() {
    return KinesisSinkConfig.configDef();
  }

  /**
   * The ConfigDef checks, then the cross-field rules in plain words, then, when the settings allow
   * a call to AWS, whether the stream exists and accepts writes.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    Map<String, String> errors = new LinkedHashMap<>(SinkConfigRules.check(connectorConfigs));
    List<String> arns = KinesisSinkConfig.streamArn(connectorConfigs).stream().toList();
    AwsConfig.validate(connectorConfigs, arns).forEach(errors::putIfAbsent);
    if (errors.isEmpty() && !hasErrors(config)) {
      StreamCheck.check(connectorConfigs).ifPresent(e -> errors.put(e.getKey(), e.getValue()));
    }
    return ConfigErrors.addTo(config, errors);
  }

  private static boolean hasErrors(Config config) {
    return config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
  }

  @Override
  public void start(Map<String, String> props) {
    // Parse now so a bad config fails the connector with the reason, not each task.
    KinesisSinkConfig config = new KinesisSinkConfig(props);
    Optional<ScalingPolicy> policy = config.scalingPolicy();
    this.props = Map.copyOf(props);
    if (policy.isPresent()) {
      // One scaler per connector, on the worker that runs the connector, whatever tasks.max.
      autoscaling =
          ConnectorAutoscaling.start(
              props.getOrDefault("name", "kinesis-sink"),
              config.streamTemplate(),
              policy.get(),
              AutoscaleConfig.checkInterval(config),
              config.awsSettings(),
              AutoscaleConfig.measuresWithCloudWatch(config),
              CloudWatchMetricsSettings.from(config).endpoint());
    }
  }

  @Override
  public Class<? extends Task> taskClass() {
    return KinesisSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      configs.add(props);
    }
    return configs;
  }

  @Override
  public void stop() {
    // Tasks own the clients they write with; the connector only the autoscaler's.
    if (autoscaling != null) {
      autoscaling.close();
      autoscaling = null;
    }
  }
}
