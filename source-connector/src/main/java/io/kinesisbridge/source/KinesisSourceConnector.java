package io.kinesisbridge.source;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.aws.AwsConfig;
import io.kinesisbridge.common.config.ConfigErrors;
import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.source.assign.ShardAssigner;
import io.kinesisbridge.source.assign.TaskShards;
import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.ShardInfo;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Kinesis Data Streams to Kafka. The connector lists the shards of its streams, gives each task a
 * balanced share (a shard with its parents, see {@link ShardAssigner}), and re-lists on its own
 * thread every {@code kinesis.shard.discovery.interval.ms}, asking Connect to reassign when the set
 * of shards to read changes. A start while Kinesis is unreachable does not fail the connector: it
 * lists again every second, and until then the tasks keep the shards they have.
 */
public final class KinesisSourceConnector extends SourceConnector {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceConnector.class);

  /** How often to list again while no listing has succeeded since the start. */
  private static final Duration RETRY_WHILE_UNLISTED = Duration.ofSeconds(1);

  private final Function<KinesisSourceConfig, KinesisReaderPort> ports;
  private final boolean checkStreams;
  private Map<String, String> props;
  private KinesisReaderPort port;
  private ShardDiscovery discovery;
  private ScheduledExecutorService monitor;
  private List<String> streams = List.of();
  private Duration discoveryInterval = RETRY_WHILE_UNLISTED;

  /** The shards to read; null until a listing succeeded. */
  private volatile List<ShardInfo> shards;

  /** Why the shards are not listed yet, for the message of {@link #taskConfigs}. */
  private volatile String unlistedBecause = "not started";

  /** The connector Connect instantiates: it lists shards through the AWS SDK. */
  public KinesisSourceConnector() {
    this.ports = KinesisPorts::create;
    this.checkStreams = true;
  }

  /** A connector listing shards through {@code ports}; tests pass a fake. */
  KinesisSourceConnector(Function<KinesisSourceConfig, KinesisReaderPort> ports) {
    this.ports = ports;
    // Unit tests use fakes, so validate() must not reach for AWS there.
    this.checkStreams = false;
  }

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public ConfigDef config() {
    return KinesisSourceConfig.configDef();
  }

  /**
   * The ConfigDef checks, then the cross-field rules and the AWS group's checks in plain words,
   * then, when the settings allow a call to AWS, whether every stream exists.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    Map<String, String> errors = new LinkedHashMap<>(SourceConfigRules.check(connectorConfigs));
    List<String> arns = SourceConfigRules.streamArns(connectorConfigs);
    AwsConfig.validate(connectorConfigs, arns).forEach(errors::putIfAbsent);
    boolean clean =
        errors.isEmpty()
            && config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
    if (clean && checkStreams) {
      SourceStreamCheck.check(connectorConfigs)
          .ifPresent(e -> errors.put(e.getKey(), e.getValue()));
    }
    return ConfigErrors.addTo(config, errors);
  }

  @Override
  public void start(Map<String, String> startProps) {
    Map<String, String> errors = SourceConfigRules.check(startProps);
    if (!errors.isEmpty()) {
      throw new ConnectException("Invalid Kinesis source config: " + errors);
    }
    KinesisSourceConfig config = new KinesisSourceConfig(startProps);
    this.props = Map.copyOf(startProps);
    this.streams = config.streams();
    this.discoveryInterval = config.discoveryInterval();
    port = ports.apply(config);
    discovery = new ShardDiscovery(port, streams, context().offsetStorageReader());
    try {
      shards = discovery.readableShards();
      LOG.info("Streams {} have {} shards to read", streams, shards.size());
    } catch (RuntimeException e) {
      ErrorClassification why = ErrorClassifier.classify(e);
      if (!why.isRetriable()) {
        // Connect does not stop a connector whose start failed: nobody else would close the port.
        port.close();
        port = null;
        throw new ConnectException("Cannot list the shards of " + streams + ": " + why.reason(), e);
      }
      // Connect starts the connector again on every config change and rebalance: a network blip
      // then must not fail it for good. The tasks keep their shards until a listing succeeds.
      shards = null;
      unlistedBecause = why.reason();
      LOG.warn(
          "Cannot list the shards of {} now ({}); trying again every {} ms, the tasks keep their"
              + " shards until then",
          streams,
          unlistedBecause,
          retryWhileUnlisted().toMillis());
    }
    monitor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "kinesis-source-shard-discovery");
              thread.setDaemon(true);
              return thread;
            });
    scheduleDiscovery();
  }

  /** The next listing: soon while the shards are unknown, else after the discovery interval. */
  private void scheduleDiscovery() {
    Duration delay = shards == null ? retryWhileUnlisted() : discoveryInterval;
    try {
      monitor.schedule(this::rediscover, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // stop() shut the monitor down meanwhile.
    }
  }

  private Duration retryWhileUnlisted() {
    return discoveryInterval.compareTo(RETRY_WHILE_UNLISTED) < 0
        ? discoveryInterval
        : RETRY_WHILE_UNLISTED;
  }

  /** Re-lists the shards; a failure is logged and retried at the next interval. */
  private void rediscover() {
    try {
      List<ShardInfo> latest = discovery.readableShards();
      if (!latest.equals(shards)) {
        LOG.info(
            "Shards to read changed from {} to {}; reassigning",
            shards == null ? "not listed" : shards.size(),
            latest.size());
        shards = latest;
        context.requestTaskReconfiguration();
      }
    } catch (RuntimeException e) {
      if (shards == null) {
        unlistedBecause = ErrorClassifier.classify(e).reason();
        LOG.warn(
            "Still cannot list the shards of {} ({}); trying again in {} ms",
            streams,
            unlistedBecause,
            retryWhileUnlisted().toMillis());
      } else {
        LOG.warn("Could not list shards; trying again at the next discovery interval", e);
      }
    } finally {
      scheduleDiscovery();
    }
  }

  @Override
  public Class<? extends Task> taskClass() {
    return KinesisSourceTask.class;
  }

  /**
   * The shards spread over the tasks. Before the first listing succeeded this refuses: Connect then
   * keeps the tasks' current assignment and asks again after a backoff, and the discovery asks for
   * a reassignment once the shards are known.
   */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<ShardInfo> known = shards;
    if (known == null) {
      throw new ConnectException(
          "The shards of "
              + streams
              + " are not listed yet ("
              + unlistedBecause
              + "); the tasks keep their shards until Kinesis answers");
    }
    List<Map<String, String>> configs = new ArrayList<>();
    for (List<ShardInfo> taskShards : ShardAssigner.assign(known, maxTasks)) {
      Map<String, String> config = new HashMap<>(props);
      config.put(TaskShards.CONFIG, TaskShards.encode(taskShards));
      configs.add(config);
    }
    return configs;
  }

  @Override
  public void stop() {
    if (monitor != null) {
      monitor.shutdownNow();
    }
    if (port != null) {
      port.close();
      port = null;
    }
  }

  /** Offsets and records commit in one transaction on a worker with exactly-once support. */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /**
   * Accepts offsets written through the REST API (KIP-875) when they have the shape the tasks read:
   * partition {@code {stream, shard}}, offset {@code {sequence, subsequence[, finished]}} or null
   * to reset a shard to kinesis.initial.position.
   */
  @Override
  public boolean alterOffsets(
      Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
    OffsetShapes.check(offsets);
    return true;
  }
}
