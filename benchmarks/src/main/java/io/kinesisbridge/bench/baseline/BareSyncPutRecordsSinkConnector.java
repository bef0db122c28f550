package io.kinesisbridge.bench.baseline;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's floor: a sink that does nothing but synchronous PutRecords calls from {@code
 * put()}, so the CPU a record costs through it is (almost) Connect's own cost plus the SDK's. Issue
 * #3 asks the real sink to stay within 1.2x of it. Not for production: it blocks the task thread on
 * every call and has no retry policy worth the name.
 *
 * <p>It sits on the worker's class path (the benchmark JVM's), not in the plugin bundle.
 */
public final class BareSyncPutRecordsSinkConnector extends SinkConnector {

  private Map<String, String> props;

  @Override
  public String version() {
    return "bench";
  }

  @Override
  public void start(Map<String, String> props) {
    new BaselineConfig(props); // fail the connector, not each task, on a bad config
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return BareSyncPutRecordsSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return Collections.nCopies(maxTasks, props);
  }

  @Override
  public void stop() {
    // Nothing held: tasks own their clients.
  }

  @Override
  public ConfigDef config() {
    return BaselineConfig.DEF;
  }
}
