package io.kinesisbridge.source;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.connect.PluginGauges;
import io.kinesisbridge.common.connect.SinkTasks;
import io.kinesisbridge.common.connect.TaskMetrics;
import io.kinesisbridge.common.metrics.CloudWatchMetrics;
import io.kinesisbridge.common.metrics.GaugePublisher;
import io.kinesisbridge.source.assign.TaskShards;
import io.kinesisbridge.source.kinesis.FanOutPort;
import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.offset.ShardOffset;
import io.kinesisbridge.source.offset.StoredOffsets;
import io.kinesisbridge.source.read.CommittedOffsets;
import io.kinesisbridge.source.read.FanOutReader;
import io.kinesisbridge.source.read.ReadSettings;
import io.kinesisbridge.source.read.RecordConverter;
import io.kinesisbridge.source.read.ShardEndCheck;
import io.kinesisbridge.source.read.ShardMeter;
import io.kinesisbridge.source.read.ShardPoller;
import io.kinesisbridge.source.read.ShardReader;
import io.kinesisbridge.source.read.SteadyClock;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Reads the shards the connector assigned to this task, all on the task's own thread: with
 * GetRecords ({@link ShardPoller}) or enhanced fan-out ({@link FanOutReader}), resuming each shard
 * after its committed offset. Publishes task totals and one metrics bean per shard.
 */
public final class KinesisSourceTask extends SourceTask {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceTask.class);

  private final Function<KinesisSourceConfig, KinesisReaderPort> ports;
  private final Function<KinesisSourceConfig, FanOutPort> fanOutPorts;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<TaskMetrics> metrics = new CopyOnWriteArrayList<>();
  private volatile ShardReader reader;
  private volatile boolean stopping;
  private String connector;
  private PluginGauges pluginGauges = PluginGauges.NONE;
  private volatile GaugePublisher publisher = GaugePublisher.NONE;

  /** The task Connect instantiates: it reads through the AWS SDK. */
  public KinesisSourceTask() {
    this(KinesisPorts::create, KinesisPorts::createFanOut);
  }

  /** A task reading through the given ports; tests pass fakes. */
  KinesisSourceTask(
      Function<KinesisSourceConfig, KinesisReaderPort> ports,
      Function<KinesisSourceConfig, FanOutPort> fanOutPorts) {
    this.ports = ports;
    this.fanOutPorts = fanOutPorts;
  }

  @Override
  public String version() {
    return Version.current();
  }

  /**
   * Starts reading; a start that fails closes whatever it opened, because Connect calls {@link
   * #stop()} only on a source task that started.
   */
  @Override
  public void start(Map<String, String> props) {
    try {
      startReading(props);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private void startReading(Map<String, String> props) {
    KinesisSourceConfig config = new KinesisSourceConfig(props);
    List<ShardInfo> shards = TaskShards.decode(props.get(TaskShards.CONFIG));
    connector = props.getOrDefault("name", "kinesis-source");
    pluginGauges = PluginGauges.of(context);
    publisher = CloudWatchMetrics.forTask(config, config::awsSettings, "kinesis-source");
    KinesisReaderPort port = ports.apply(config);
    resources.add(port);
    ReadSettings settings =
        new ReadSettings(config.initialPosition(), config.pollInterval(), config.pollMaxRecords());
    RecordConverter converter = new RecordConverter(config::topicFor, config.deaggregation());
    reader =
        config.enhancedFanOut()
            ? fanOutReader(config, port, settings, converter, shards)
            : new ShardPoller(
                port,
                settings,
                converter,
                shards,
                committedOffsets(context.offsetStorageReader(), shards),
                SteadyClock.system(),
                Thread::sleep);
    metrics.add(
        TaskMetrics.register(
            "kinesis-source-task",
            connector,
            SinkTasks.currentTaskId(),
            reader::gauges,
            pluginGauges));
    publisher.add(Map.of(), reader::gauges);
    reader.meters().forEach(this::registerShardMetrics);
    LOG.info(
        "Reading {} shards by {}: {}",
        shards.size(),
        config.enhancedFanOut() ? "enhanced fan-out" : "polling",
        shards.stream().map(ShardInfo::key).toList());
    publisher.start();
  }

  private ShardReader fanOutReader(
      KinesisSourceConfig config,
      KinesisReaderPort port,
      ReadSettings settings,
      RecordConverter converter,
      List<ShardInfo> shards) {
    FanOutPort fanOut = fanOutPorts.apply(config);
    resources.add(fanOut);
    Map<String, String> consumerArns = new ConcurrentHashMap<>();
    String consumerName = config.efoConsumerName();
    return new FanOutReader(
        fanOut,
        stream -> consumerArns.computeIfAbsent(stream, s -> fanOut.activeConsumer(s, consumerName)),
        new ShardEndCheck(port),
        settings,
        converter,
        shards,
        keys -> StoredOffsets.read(context.offsetStorageReader(), keys),
        SteadyClock.system(),
        this::registerShardMetrics);
  }

  private void registerShardMetrics(ShardMeter meter) {
    Map<String, String> tags =
        Map.of("stream", meter.shard().stream(), "shard", meter.shard().shardId());
    metrics.add(
        TaskMetrics.register(
            "kinesis-source-shard",
            connector,
            SinkTasks.currentTaskId(),
            tags,
            meter::gauges,
            pluginGauges));
    publisher.add(tags, meter::gauges);
  }

  /**
   * The committed offsets of {@code shards} and of their parents (a child of a shard read before
   * starts at TRIM_HORIZON); shards without one are absent.
   */
  static Map<ShardKey, ShardOffset> committedOffsets(
      OffsetStorageReader reader, List<ShardInfo> shards) {
    CommittedOffsets stored = keys -> StoredOffsets.read(reader, keys);
    return stored.ofShardsAndParents(shards);
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    try {
      return reader.poll();
    } catch (RuntimeException e) {
      if (stopping) {
        // stop() runs on another thread and closes the clients under a running call.
        LOG.debug("A read failed while the task stops: {}", e.toString());
        return List.of();
      }
      throw e;
    }
  }

  /** Lets the reader open a child shard once its parents' last records are in Kafka. */
  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    ShardReader current = reader;
    if (current != null) {
      current.acknowledged(record);
    }
  }

  /** Called by Connect on another thread than poll(): closes the clients, ending any read. */
  @Override
  public void stop() {
    stopping = true;
    if (reader != null) {
      LOG.info("Stopping; reader counters: {}", reader.stats());
      reader.close();
    }
    metrics.forEach(TaskMetrics::close);
    metrics.clear();
    publisher.close();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Could not close {}", resource, e);
      }
    }
    resources.clear();
  }
}
