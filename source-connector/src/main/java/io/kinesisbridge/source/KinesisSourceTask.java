package io.kinesisbridge.source;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.connect.SinkTasks;
import io.kinesisbridge.common.connect.TaskMetrics;
import io.kinesisbridge.source.assign.TaskShards;
import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.offset.ShardOffset;
import io.kinesisbridge.source.read.ReadSettings;
import io.kinesisbridge.source.read.RecordConverter;
import io.kinesisbridge.source.read.ShardPoller;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the shards the connector assigned to this task with GetRecords, all on the task's own
 * thread, and resumes each shard after its committed offset.
 */
public final class KinesisSourceTask extends SourceTask {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceTask.class);

  private final Function<KinesisSourceConfig, KinesisReaderPort> ports;
  private KinesisReaderPort port;
  private ShardPoller poller;
  private TaskMetrics metrics;

  /** The task Connect instantiates: it reads through the AWS SDK. */
  public KinesisSourceTask() {
    this(KinesisPorts::create);
  }

  /** A task reading through {@code ports}; tests pass a fake. */
  KinesisSourceTask(Function<KinesisSourceConfig, KinesisReaderPort> ports) {
    this.ports = ports;
  }

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public void start(Map<String, String> props) {
    KinesisSourceConfig config = new KinesisSourceConfig(props);
    List<ShardInfo> shards = TaskShards.decode(props.get(TaskShards.CONFIG));
    port = ports.apply(config);
    ReadSettings settings =
        new ReadSettings(config.initialPosition(), config.pollInterval(), config.pollMaxRecords());
    RecordConverter converter = new RecordConverter(config::topicFor, config.deaggregation());
    poller =
        new ShardPoller(
            port,
            settings,
            converter,
            shards,
            committedOffsets(context.offsetStorageReader(), shards),
            System::currentTimeMillis,
            Thread::sleep);
    metrics =
        TaskMetrics.register(
            "kinesis-source-task",
            props.getOrDefault("name", "kinesis-source"),
            SinkTasks.currentTaskId(),
            poller::gauges,
            TaskMetrics.pluginMetricsOf(() -> context.pluginMetrics()));
    LOG.info("Reading {} shards: {}", shards.size(), shards.stream().map(ShardInfo::key).toList());
  }

  /** The committed offsets of {@code shards}; shards without one are absent. */
  static Map<ShardKey, ShardOffset> committedOffsets(
      OffsetStorageReader reader, List<ShardInfo> shards) {
    List<Map<String, String>> partitions = shards.stream().map(s -> s.key().toPartition()).toList();
    Map<Map<String, String>, Map<String, Object>> stored = reader.offsets(partitions);
    Map<ShardKey, ShardOffset> offsets = new HashMap<>();
    for (ShardInfo shard : shards) {
      Map<String, Object> offset = stored == null ? null : stored.get(shard.key().toPartition());
      if (offset != null) {
        offsets.put(shard.key(), ShardOffset.fromMap(offset));
      }
    }
    return offsets;
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    return poller.poll();
  }

  @Override
  public void stop() {
    if (poller != null) {
      LOG.info("Stopping; reader counters: {}", poller.stats());
    }
    if (metrics != null) {
      metrics.close();
    }
    if (port != null) {
      port.close();
    }
  }
}
