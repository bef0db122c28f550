package io.kinesisbridge.bench.baseline;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The Firehose benchmark's floor: a sink that does nothing but synchronous PutRecordBatch calls
 * from {@code put()}, one Firehose record per Kafka record (its value and a {@code \n}), so the CPU
 * a record costs through it is (almost) Connect's own cost plus the SDK's. Issue #5 asks the
 * Firehose sink to stay within 1.2x of it. Not for production: it blocks the task thread on every
 * call and retries nothing beyond the SDK's own attempts.
 *
 * <p>It sits on the worker's class path (the benchmark JVM's), not in the plugin bundle.
 */
public final class BareSyncPutRecordBatchSinkConnector extends SinkConnector {

  private Map<String, String> props;

  @Override
  public String version() {
    return "bench";
  }

  @Override
  public void start(Map<String, String> props) {
    BaselineConfig.firehose(props); // fail the connector, not each task, on a bad config
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return BareSyncPutRecordBatchSinkTask.class;
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
    return BaselineConfig.FIREHOSE_DEF;
  }
}
