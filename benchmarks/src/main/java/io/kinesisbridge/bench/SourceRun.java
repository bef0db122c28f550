package io.kinesisbridge.bench;

import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One run of the source benchmark in one reader mode, on fresh streams, topic and connector (all
 * named alike): pre-load the stream, start the connector and time how fast the pre-loaded records
 * reach Kafka; then, with the connector caught up, put records at a steady rate and measure each
 * one's lag from the PutRecords call to the consumer.
 *
 * <p>The steady records go to a second, empty stream the same connector reads: kinesis-mock slows
 * down as its shards fill (PutRecords p50 rose from about 10 ms to about 100 ms after a 20,000
 * record pre-load), and the lag phase should measure the connector, not the emulator's backlog.
 */
final class SourceRun {

  private static final Duration CHECK_PERIOD = Duration.ofSeconds(1);

  private final SourceEnvironment env;
  private final SourceOptions options;
  private final String reader;
  private final String name;
  private final Consumer<String> log;

  SourceRun(
      SourceEnvironment env, SourceOptions options, String reader, int run, Consumer<String> log) {
    this.env = env;
    this.options = options;
    this.reader = reader;
    this.name = "source-lag-" + reader + "-" + run;
    this.log = log;
  }

  SourceResult run() throws InterruptedException {
    Map<String, String> config = connectorConfig();
    // Validation checks that the streams exist, so it comes after creating them.
    KinesisStreams.createActive(env.kinesisClient(), name, options.shards());
    KinesisStreams.createActive(env.kinesisClient(), liveStream(), options.shards());
    String rejected = validate(config);
    if (rejected != null) {
      return SourceResult.failed(options, reader, 0, rejected);
    }
    env.connect().kafka().createTopic(name, options.shards());
    long loadStart = System.nanoTime();
    KinesisStreams.putAll(
        env.kinesisClient(),
        name,
        StampedRecords.entries(0, options.records(), 0, options.recordBytes()));
    log.accept(
        String.format(
            Locale.ROOT,
            "%s: %,d records pre-loaded into %d shards in %.1f s",
            name,
            options.records(),
            options.shards(),
            (System.nanoTime() - loadStart) / 1e9));
    try (TopicTap tap =
        new TopicTap(
            env.connect().kafka().bootstrapServers(), name, options.shards(), options.records())) {
      tap.start();
      long created = System.nanoTime();
      try {
        env.connect().configureConnector(name, config);
      } catch (RuntimeException e) {
        return SourceResult.failed(
            options, reader, options.records(), "connector rejected: " + e.getMessage());
      }
      try {
        return measure(tap, created);
      } finally {
        stopConnector();
      }
    }
  }

  /** The stream of the lag phase. */
  private String liveStream() {
    return name + "-live";
  }

  /** The connector config; the reader modes differ only in the two EFO settings. */
  private Map<String, String> connectorConfig() {
    Map<String, String> config = new HashMap<>(env.awsSettings());
    config.put("name", name); // validate wants it; the create call accepts it when it matches
    config.put("connector.class", SourceEnvironment.SOURCE_CLASS);
    config.put("tasks.max", String.valueOf(options.tasks()));
    config.put("kinesis.stream.name", name + "," + liveStream());
    config.put("kafka.topic", name);
    config.put("kinesis.poll.interval.ms", String.valueOf(options.pollIntervalMs()));
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    if (SourceOptions.EFO.equals(reader)) {
      config.put("kinesis.reader", "efo");
      config.put("kinesis.efo.consumer.name", "bench-consumer");
    }
    return config;
  }

  /**
   * The worker's validation errors, or null. Connect ignores keys a connector does not define, so a
   * bundle without the EFO reader would silently poll: refuse EFO unless kinesis.reader exists.
   */
  private String validate(Map<String, String> config) {
    ConfigInfos infos =
        env.connect().validateConnectorConfig(SourceEnvironment.SOURCE_CLASS, config);
    List<String> errors = new ArrayList<>();
    boolean knowsReader = false;
    for (ConfigInfo info : infos.configs()) {
      knowsReader |= "kinesis.reader".equals(info.configValue().name());
      for (String error : info.configValue().errors()) {
        errors.add(info.configValue().name() + ": " + error);
      }
    }
    if (!errors.isEmpty()) {
      return "connector config invalid: " + String.join("; ", errors);
    }
    if (SourceOptions.EFO.equals(reader) && !knowsReader) {
      return "the bundle's source connector does not define kinesis.reader (no EFO reader in this"
          + " build); an efo run would measure the polling reader";
    }
    return null;
  }

  private SourceResult measure(TopicTap tap, long created) throws InterruptedException {
    String failure =
        await(
            tap,
            () -> tap.receivedPreloaded() >= options.records(),
            "pre-loaded",
            options.timeout());
    if (failure != null) {
      return result(tap, Double.NaN, Double.NaN, 0, new LatencyRecorder(), failure);
    }
    long first = tap.firstPreloadedNanos();
    long last = tap.lastPreloadedNanos();
    // From the first record in Kafka: start-up (task start, shard listing) is left out.
    double perSecond = options.records() / ((last - first) / 1e9);
    double withStart = options.records() / ((last - created) / 1e9);
    log.accept(
        String.format(
            Locale.ROOT,
            "%s: pre-loaded records in Kafka, %,.0f records/s (%,.0f from connector creation);"
                + " lag phase: %d records/s for %d s",
            name,
            perSecond,
            withStart,
            options.rate(),
            options.duration().toSeconds()));

    SteadyProducer producer =
        new SteadyProducer(
            env.kinesisClient(),
            liveStream(),
            options.records(),
            options.rate(),
            options.duration(),
            options.recordBytes());
    FanOutProbe probe =
        SourceOptions.EFO.equals(reader)
            ? FanOutProbe.start(env.clients(), env.kinesisClient(), liveStream())
            : null;
    long measureFrom = System.currentTimeMillis() + options.warmup().toMillis();
    tap.measureLagOfRecordsSentFrom(measureFrom);
    if (probe != null) {
      probe.measureLagOfRecordsSentFrom(measureFrom);
    }
    Thread thread = new Thread(producer, "source-lag-producer");
    long wallStart = System.nanoTime();
    long cpuStart = JvmProbe.processCpuNanos();
    long machineStart = JvmProbe.machineBusyNanos();
    long mockStart = JvmProbe.childProcessesCpuNanos();
    thread.start();
    failure =
        await(tap, () -> !thread.isAlive(), "produced", options.duration().plus(options.timeout()));
    if (failure != null) {
      thread.interrupt();
    }
    thread.join();
    logCores(wallStart, cpuStart, machineStart, mockStart);
    if (failure == null && producer.failure() != null) {
      failure = "producer failed: " + producer.failure();
    }
    if (failure == null) {
      failure = await(tap, () -> tap.receivedLive() >= producer.sent(), "live", options.timeout());
    }
    if (probe != null) {
      logProbe(probe);
    }
    return result(tap, perSecond, withStart, producer.sent(), producer.callMillis(), failure);
  }

  private void logProbe(FanOutProbe probe) {
    probe.close();
    LatencyRecorder.Percentiles lag = probe.lagMillis().percentiles();
    log.accept(
        String.format(
            Locale.ROOT,
            "%s: a bare SDK subscriber without the connector (consumer bench-probe) saw lag p50"
                + " %d, p90 %d, p99 %d, max %d ms over %d records: the emulator's own floor",
            name,
            lag.at(50),
            lag.at(90),
            lag.at(99),
            lag.max(),
            lag.count()));
  }

  private SourceResult result(
      TopicTap tap,
      double perSecond,
      double withStart,
      long liveSent,
      LatencyRecorder putCalls,
      String failure) {
    return new SourceResult(
        reader,
        options.pollIntervalMs(),
        options.tasks(),
        options.records(),
        tap.receivedPreloaded(),
        perSecond,
        withStart,
        liveSent,
        tap.receivedLive(),
        tap.duplicates(),
        tap.lagMillis().percentiles(),
        tap.readLagMillis().percentiles(),
        putCalls.percentiles(),
        failure);
  }

  /**
   * Logs how busy the machine was during the lag phase: the tail of the lag depends on it, and
   * kinesis-mock (Node) and whatever else runs here compete with the worker for the cores.
   */
  private void logCores(long wallStart, long cpuStart, long machineStart, long mockStart) {
    double wall = System.nanoTime() - wallStart;
    double jvm = (JvmProbe.processCpuNanos() - cpuStart) / wall;
    log.accept(
        String.format(
            Locale.ROOT,
            "%s: lag phase done; cores busy: this JVM %.2f, kinesis-mock %s, whole machine %s"
                + " of %d (the rest: other processes)",
            name,
            jvm,
            coresOf(mockStart, JvmProbe.childProcessesCpuNanos(), wall),
            coresOf(machineStart, JvmProbe.machineBusyNanos(), wall),
            JvmProbe.cores()));
  }

  private static String coresOf(long startNanos, long endNanos, double wallNanos) {
    return startNanos < 0 || endNanos < 0
        ? "?"
        : String.format(Locale.ROOT, "%.2f", (endNanos - startNanos) / wallNanos);
  }

  /** Waits until {@code done}; returns why it gave up (connector or consumer failed, timeout). */
  private String await(TopicTap tap, BooleanSupplier done, String what, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    long nextCheck = System.nanoTime() + CHECK_PERIOD.toNanos();
    while (!done.getAsBoolean()) {
      long now = System.nanoTime();
      if (now > nextCheck) {
        String failure = ConnectorFailure.of(env.connect(), name);
        if (failure == null && tap.failure() != null) {
          failure = "consumer failed: " + tap.failure();
        }
        if (failure != null) {
          return failure;
        }
        nextCheck = now + CHECK_PERIOD.toNanos();
      }
      if (now > deadline) {
        return "timed out after " + limit + " waiting for the " + what + " records";
      }
      Thread.sleep(10);
    }
    return null;
  }

  private void stopConnector() {
    EmbeddedConnectCluster connect = env.connect();
    try {
      connect.deleteConnector(name);
    } catch (RuntimeException e) {
      log.accept(name + ": could not delete the connector: " + e.getMessage());
    }
  }
}
