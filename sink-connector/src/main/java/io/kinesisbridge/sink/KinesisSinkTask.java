package io.kinesisbridge.sink;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.connect.BackPressure;
import io.kinesisbridge.common.connect.ErrantRecords;
import io.kinesisbridge.common.connect.SinkTasks;
import io.kinesisbridge.common.connect.TaskMetrics;
import io.kinesisbridge.sink.kinesis.KinesisPort;
import io.kinesisbridge.sink.kinesis.SdkKinesisPort;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;

/**
 * Writes its partitions' records to Kinesis. {@link #put} hands records to the {@link
 * KinesisWriter} and returns; {@link #preCommit} reports only offsets whose records Kinesis has
 * acknowledged; a fatal delivery failure is rethrown from the next put or preCommit.
 */
public final class KinesisSinkTask extends SinkTask {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisSinkTask.class);

  private KinesisWriter writer;
  private TaskMetrics metrics;
  private BackPressure backPressure;

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public void start(Map<String, String> props) {
    KinesisSinkConfig config = new KinesisSinkConfig(props);
    KinesisPort kinesis = new SdkKinesisPort(AwsClientFactory.create(config.awsSettings()));
    start(config, kinesis);
  }

  /** Starts on a given port; unit tests pass a fake. */
  void start(KinesisSinkConfig config, KinesisPort kinesis) {
    writer = new KinesisWriter(config, kinesis, ErrantRecords.from(context));
    backPressure = new BackPressure(context, writer);
    String name = config.originalsStrings().getOrDefault("name", "kinesis-sink");
    metrics =
        TaskMetrics.register(
            "kinesis-sink-task",
            name,
            SinkTasks.currentTaskId(),
            writer::gauges,
            TaskMetrics.pluginMetricsOf(() -> context.pluginMetrics()));
    LOG.info("Kinesis sink task started for {}", writer.describeTarget());
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
