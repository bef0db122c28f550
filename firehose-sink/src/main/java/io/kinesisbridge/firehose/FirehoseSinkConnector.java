package io.kinesisbridge.firehose;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.aws.AwsConfig;
import io.kinesisbridge.common.config.ConfigErrors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka topics to Amazon Data Firehose (Direct PUT), which delivers to S3, Redshift and others.
 * Every task gets the same settings; Connect spreads the topic partitions over the tasks, and each
 * task writes its partitions' records with PutRecordBatch.
 */
public final class FirehoseSinkConnector extends SinkConnector {

  private Map<String, String> props;

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public ConfigDef config() {
    return FirehoseSinkConfig.configDef();
  }

  /**
   * The ConfigDef checks, then the cross-field rules in plain words, then, when the settings allow
   * a call to AWS, whether the delivery stream exists, is ACTIVE and takes Direct PUT.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    Map<String, String> errors = new LinkedHashMap<>(FirehoseConfigRules.check(connectorConfigs));
    List<String> arns = FirehoseSinkConfig.deliveryStreamArn(connectorConfigs).stream().toList();
    AwsConfig.validate(connectorConfigs, arns).forEach(errors::putIfAbsent);
    if (errors.isEmpty() && !hasErrors(config)) {
      DeliveryStreamCheck.check(connectorConfigs)
          .ifPresent(e -> errors.put(e.getKey(), e.getValue()));
    }
    return ConfigErrors.addTo(config, errors);
  }

  private static boolean hasErrors(Config config) {
    return config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
  }

  @Override
  public void start(Map<String, String> props) {
    // Parse now so a bad config fails the connector with the reason, not each task.
    new FirehoseSinkConfig(props).format();
    Map<String, String> errors = FirehoseConfigRules.check(props);
    if (!errors.isEmpty()) {
      throw new ConfigException(String.join(" ", errors.values()));
    }
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FirehoseSinkTask.class;
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
    // Tasks own the AWS clients; the connector holds nothing to release.
  }
}
