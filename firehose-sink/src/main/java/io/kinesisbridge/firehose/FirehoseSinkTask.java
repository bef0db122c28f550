package io.kinesisbridge.firehose;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.connect.BackPressure;
import io.kinesisbridge.common.connect.ErrantRecords;
import io.kinesisbridge.common.connect.SinkTasks;
import io.kinesisbridge.common.connect.TaskMetrics;
import io.kinesisbridge.firehose.client.FirehosePort;
import io.kinesisbridge.firehose.client.SdkFirehosePort;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;

/**
 * Writes its partitions' records to Amazon Data Firehose. {@link #put} hands records to the {@link
 * FirehoseWriter} and returns; {@link #preCommit} reports only offsets whose records Firehose has
 * acknowledged; a fatal delivery failure is rethrown from the next put or preCommit.
 */
public final class FirehoseSinkTask extends SinkTask {

  private static final Logger LOG = LoggerFactory.getLogger(FirehoseSinkTask.class);

  private FirehoseWriter writer;
  private TaskMetrics metrics;
  private BackPressure backPressure;

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public void start(Map<String, String> props) {
    FirehoseSinkConfig config = new FirehoseSinkConfig(props);
    start(config, new SdkFirehosePort(AwsClientFactory.create(config.awsSettings())));
  }

  /** Starts on a given port; unit tests pass a fake. */
  void start(FirehoseSinkConfig config, FirehosePort firehose) {
    try {
      writer = new FirehoseWriter(config, firehose, ErrantRecords.from(context));
    } catch (RuntimeException e) {
      // The writer owns the port once built; before that, nobody else would close it.
      firehose.close();
      throw e;
    }
    backPressure = new BackPressure(context, writer);
    String name = config.originalsStrings().getOrDefault("name", "firehose-sink");
    metrics =
        TaskMetrics.register(
            "firehose-sink-task",
            name,
            SinkTasks.currentTaskId(),
            writer::gauges,
            TaskMetrics.pluginMetricsOf(() -> context.pluginMetrics()));
    LOG.info("Firehose sink task started for {}", writer.describeTarget());
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    writer.write(records);
    // Pauses the partitions while too many bytes are unacknowledged, resumes them later; never
    // blocks, so memory stays bounded without stalling the consumer's group membership.
    backPressure.apply();
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    writer.throwIfFailed();
    return SinkTasks.committable(writer.committableOffsets(), currentOffsets);
  }

  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // preCommit never calls flush: offsets come from acknowledgements, not from waiting.
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    // The partitions' offsets were committed just before; their unsent records belong to the
    // partitions' next owner, which resumes from those offsets.
    if (writer != null) {
      writer.forget(partitions);
    }
  }

  @Override
  public void stop() {
    if (metrics != null) {
      metrics.close();
    }
    if (writer != null) {
      writer.close();
    }
  }
}
