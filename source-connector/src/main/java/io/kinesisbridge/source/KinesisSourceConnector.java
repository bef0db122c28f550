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
import io.kinesisbridge.source.read.ShardPoller.Sleeper;
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
 * of shards to read changes. At start, Kinesis unreachable is tried again for {@link
 * #START_PATIENCE}; after that the connector runs without tasks, lists again in the background and
 * hands out the shards once it can.
 */
public final class KinesisSourceConnector extends SourceConnector {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceConnector.class);

  /** How long start() tries to list the shards through retriable failures. */
  static final Duration START_PATIENCE = Duration.ofSeconds(30);

  /** The first wait before listing again after a retriable failure; it doubles from there. */
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private final Function<KinesisSourceConfig, KinesisReaderPort> ports;
  private final boolean checkStreams;
  private Map<String, String> props;
  private KinesisReaderPort port;
  private ShardDiscovery discovery;

  /** Waits between tries at start; tests pass one that only records the wait. */
  private final Sleeper sleeper;

  private volatile ScheduledExecutorService monitor;
  private List<String> streams = List.of();
  private Duration discoveryInterval = FIRST_RETRY;
  private volatile boolean stopped;

  /** The shards to read; null until a listing succeeded. */
  private volatile List<ShardInfo> shards;

  /** Why the shards are not listed yet, for the message of {@link #taskConfigs}. */
  private volatile String unlistedBecause = "not started";

  /** The connector Connect instantiates: it lists shards through the AWS SDK. */
  public KinesisSourceConnector() {
    this.ports = KinesisPorts::create;
    this.sleeper = Thread::sleep;
    this.checkStreams = true;
  }

  /** A connector listing shards through {@code ports}; tests pass a fake. */
  KinesisSourceConnector(Function<KinesisSourceConfig, KinesisReaderPort> ports) {
    this(ports, Thread::sleep);
  }

  /**
   * A connector listing shards through {@code ports}, waiting between tries with {@code sleeper}.
   */
  KinesisSourceConnector(Function<KinesisSourceConfig, KinesisReaderPort> ports, Sleeper sleeper) {
    this.ports = ports;
    this.sleeper = sleeper;
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
    this.stopped = false;
    port = ports.apply(config);
    discovery = new ShardDiscovery(port, streams, context().offsetStorageReader());
    try {
      shards = listAtStart();
    } catch (RuntimeException e) {
      // Connect does not stop a connector whose start failed: nobody else would close the port.
      port.close();
      port = null;
      throw new ConnectException(
          "Cannot list the shards of " + streams + ": " + ErrorClassifier.classify(e).reason(), e);
    }
    if (shards == null) {
      LOG.warn(
          "Cannot list the shards of {} ({}) after trying for {} s: no tasks until they can be"
              + " listed; trying again in the background",
          streams,
          unlistedBecause,
          START_PATIENCE.toSeconds());
    } else {
      LOG.info("Streams {} have {} shards to read", streams, shards.size());
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "kinesis-source-shard-discovery");
              thread.setDaemon(true);
              return thread;
            });
    monitor = executor;
    scheduleDiscovery(executor, shards == null ? FIRST_RETRY : discoveryInterval);
  }

  /**
   * The shards, trying again through retriable failures for up to {@link #START_PATIENCE}: Connect
   * starts the connector again on every config change, and a network blip at that moment must not
   * cost it its tasks. Null when Kinesis stayed unreachable; what trying again cannot fix is
   * thrown.
   */
  private List<ShardInfo> listAtStart() {
    Duration waited = Duration.ZERO;
    Duration backoff = FIRST_RETRY;
    while (true) {
      try {
        return discovery.readableShards();
      } catch (RuntimeException e) {
        ErrorClassification why = ErrorClassifier.classify(e);
        if (!why.isRetriable()) {
          throw e;
        }
        unlistedBecause = why.reason();
        if (waited.compareTo(START_PATIENCE) >= 0) {
          return null;
        }
        LOG.info(
            "Cannot list the shards of {} yet ({}); trying again in {} ms",
            streams,
            unlistedBecause,
            backoff.toMillis());
        try {
          sleeper.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return null;
        }
        waited = waited.plus(backoff);
        backoff = longer(backoff);
      }
    }
  }

  /** Doubles {@code backoff}, up to the discovery interval. */
  private Duration longer(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(discoveryInterval) > 0 ? discoveryInterval : doubled;
  }

  private void scheduleDiscovery(ScheduledExecutorService executor, Duration delay) {
    try {
      executor.schedule(() -> rediscover(executor, delay), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shutDown) {
      // stop() shut this executor down meanwhile; a restarted connector has its own.
    }
  }

  /**
   * Re-lists the shards on {@code executor}, and asks Connect to reassign when they changed. While
   * the shards are unknown a failure is retried sooner ({@code lastDelay} doubled, up to the
   * discovery interval), logged when its reason changes, and a failure that retrying cannot fix
   * fails the connector.
   */
  private void rediscover(ScheduledExecutorService executor, Duration lastDelay) {
    if (stopped) {
      return;
    }
    Duration next = discoveryInterval;
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
      if (stopped) {
        return;
      }
      if (shards != null) {
        LOG.warn("Could not list shards; trying again at the next discovery interval", e);
      } else {
        ErrorClassification why = ErrorClassifier.classify(e);
        if (!why.isRetriable()) {
          context.raiseError(
              new ConnectException(
                  "Cannot list the shards of " + streams + ": " + why.reason(), e));
          return;
        }
        if (!why.reason().equals(unlistedBecause)) {
          LOG.warn("Still cannot list the shards of {}: {}", streams, why.reason());
        }
        unlistedBecause = why.reason();
        next = longer(lastDelay);
      }
    }
    scheduleDiscovery(executor, next);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return KinesisSourceTask.class;
  }

  /**
   * The shards spread over the tasks; none while the shards could not be listed (the tasks could
   * not read them either), until the discovery lists them and asks for a reassignment. Never
   * throws: a standalone worker would wait for ever on a connector whose task configs failed.
   */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<ShardInfo> known = shards;
    if (known == null) {
      LOG.warn("No tasks for {} until its shards can be listed ({})", streams, unlistedBecause);
      return List.of();
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
    stopped = true;
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
