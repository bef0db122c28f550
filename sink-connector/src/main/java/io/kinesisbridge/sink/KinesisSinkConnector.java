package io.kinesisbridge.sink;

import io.kinesisbridge.common.PlannedConnector;
import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.aws.AwsConfig;
import io.kinesisbridge.common.config.ConfigErrors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.List;
import java.util.Map;

/**
 * Kinesis Data Streams sink connector. This version registers the plugin and its configuration so
 * that workers list it; {@link #start} refuses to run until the data path lands (issue #3).
 */
public final class KinesisSinkConnector extends SinkConnector {

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public ConfigDef config() {
    return KinesisSinkConfig.configDef();
  }

  /** Adds the cross-field AWS checks (e.g. static credentials without a secret) in plain words. */
  @Override
  public Config validate(Map<String, String> props) {
    return ConfigErrors.addTo(super.validate(props), AwsConfig.validate(props));
  }

  @Override
  public void start(Map<String, String> props) {
    throw PlannedConnector.notAvailable("Kinesis Data Streams sink", 3);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return KinesisSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    throw PlannedConnector.notAvailable("Kinesis Data Streams sink", 3);
  }

  @Override
  public void stop() {
    // start() never succeeds, so there is nothing to release.
  }
}
