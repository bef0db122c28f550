package io.kinesisbridge.sink;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.connect.ErrantRecords;
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
import java.util.HashMap;
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
  private boolean paused;

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
    String name = config.originalsStrings().getOrDefault("name", "kinesis-sink");
    metrics =
        TaskMetrics.register(
            "kinesis-sink-task",
            name,
            taskId(),
            writer::gauges,
            TaskMetrics.pluginMetricsOf(() -> context.pluginMetrics()));
    LOG.info("Kinesis sink task started for {}", writer.describeTarget());
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    writer.write(records);
    applyBackPressure();
  }

  /**
   * Pauses all partitions while the unacknowledged bytes are above the bound, so memory stays
   * bounded without blocking put(); Connect keeps calling put() with no records, which resumes them
   * once half the buffer is free.
   */
  private void applyBackPressure() {
    if (!paused && writer.isAboveHighWatermark()) {
      paused = true;
      context.pause(context.assignment().toArray(TopicPartition[]::new));
      LOG.debug("Paused partitions: {} bytes unacknowledged", writer.bufferedBytes());
    } else if (paused && writer.isBelowLowWatermark()) {
      paused = false;
      context.resume(context.assignment().toArray(TopicPartition[]::new));
      LOG.debug("Resumed partitions");
    }
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    writer.throwIfFailed();
    Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
    writer
        .committableOffsets()
        .forEach(
            (partition, offset) -> {
              if (currentOffsets.containsKey(partition)) {
                committable.put(partition, new OffsetAndMetadata(offset));
              }
            });
    return committable;
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

  /** Connect names task threads {@code task-thread-<connector>-<id>}; the id is the last part. */
  private static String taskId() {
    String thread = Thread.currentThread().getName();
    int dash = thread.lastIndexOf('-');
    return thread.startsWith("task-thread-") && dash > 0 ? thread.substring(dash + 1) : thread;
  }
}
