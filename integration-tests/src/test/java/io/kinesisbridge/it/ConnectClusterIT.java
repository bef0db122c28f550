package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisFaultProxy;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisStreams;
import io.kinesisbridge.testkit.KinesisUserRecord;
import io.kinesisbridge.testkit.TcpProxy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis sink on a real Connect cluster of three worker JVMs, while a producer writes
 * throughout and a fault proxy fails a fifth of the PutRecords entries: a rolling restart of all
 * three workers, a {@code kill -9} of one, a new worker joining, {@code tasks.max} changed through
 * REST, and a 10-second network cut to Kinesis while the tasks are rebalanced again, each once
 * records flow again after the one before. At the end every record produced is in the stream and
 * each key's records first arrived in offset order; records sent twice are counted per event and
 * logged (at-least-once allows them), never asserted.
 *
 * <p>CI runs it with the default {@code kinesis.commit.wait.ms} (2000). For the before/after
 * figures of the commit wait, list the values to run:
 *
 * <pre>
 * ./mvnw -B verify -pl integration-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=KinesisSinkClusterIT -Dkinesis.cluster.it.commit.waits=2000,0
 * </pre>
 *
 * <p>The workers run with {@code scheduled.rebalance.max.delay.ms=0} (a departed worker's tasks
 * move at once, the most rebalances) and short consumer sessions, so a killed worker's partitions
 * are handed on within seconds rather than the default 45 s.
 */
class KinesisSinkClusterIT {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisSinkClusterIT.class);

  private static final int PARTITIONS = 12;
  private static final int SHARDS = 4;
  private static final int KEYS = 100;
  private static final int TASKS = 6;
  private static final int TASKS_AFTER_CHANGE = 4;
  private static final int WORKERS = 3;

  /**
   * About 45 records per second. kinesis-mock is single-threaded: at 130 per second on this loaded
   * 2-core machine (seven JVMs, the emulator and the proxy) the sink fell minutes behind, because a
   * fifth of the entries fail and each key's later records wait for the resend of its failed one.
   */
  private static final int RECORDS_PER_TICK = 5;

  private static final Duration TICK = Duration.ofMillis(100);

  /** Entries the proxy must have stored since an event settled before the next event starts. */
  private static final int FLOWING = 300;

  /** And at least this long, so that offsets were committed at least once in between. */
  private static final Duration MIN_DWELL = Duration.ofSeconds(4);

  private static final Duration NETWORK_CUT = Duration.ofSeconds(10);

  private static KinesisMock kinesis;
  private static KinesisFaultProxy faults;
  private static TcpProxy network;
  private static AwsClientFactory clients;
  private static KinesisClient client;
  private static EmbeddedKafkaCluster kafka;
  private static final List<ConnectWorkerGroup> groups = new ArrayList<>();

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.start();
    faults = KinesisFaultProxy.start(kinesis.plainEndpoint()).failedEntryShare(0.2);
    // The workers reach the fault proxy through a TCP proxy that can cut the network.
    network = TcpProxy.start(faults.endpoint().getPort());
    clients = AwsClientFactory.create(AwsSettings.from(kinesis.awsSettings()));
    client = clients.kinesis();
    kafka = SingleBroker.start();
  }

  @AfterAll
  static void stop() {
    groups.forEach(ConnectWorkerGroup::close);
    if (kafka != null) {
      kafka.stop();
    }
    if (client != null) {
      client.close();
      clients.close();
    }
    if (network != null) {
      network.close();
    }
    if (faults != null) {
      faults.close();
    }
    if (kinesis != null) {
      kinesis.close();
    }
  }

  /** {@code 2000} (the default) unless {@code -Dkinesis.cluster.it.commit.waits} lists others. */
  static Stream<String> commitWaits() {
    return Arrays.stream(System.getProperty("kinesis.cluster.it.commit.waits", "2000").split(","))
        .map(String::trim);
  }

  @ParameterizedTest(name = "kinesis.commit.wait.ms={0}")
  @MethodSource("commitWaits")
  void restartsAKillAJoinAndATasksChangeLoseNothingAndKeepEachKeysOrder(String commitWaitMs)
      throws Exception {
    Instant began = Instant.now();
    String name = "cluster-" + commitWaitMs;
    String topic = name;
    String stream = name + "-stream";
    String connector = name + "-sink";
    KinesisStreams.createActive(client, stream, SHARDS);
    kafka.createTopic(topic, PARTITIONS);
    long failedBefore = faults.entriesFailed();

    ConnectWorkerGroup workers =
        ConnectWorkerGroup.start(
            kafka.bootstrapServers(),
            // Unique per run: the workers' logs in target/connect-workers survive the next run.
            "connect-" + name + "-" + began.getEpochSecond() % 100_000,
            workerConfig(),
            WORKERS);
    groups.add(workers);
    EventWindows windows = new EventWindows();
    List<ContinuousProducer.Sent> sent;
    try (ContinuousProducer producer =
        ContinuousProducer.start(
            kafka.bootstrapServers(), topic, PARTITIONS, KEYS, RECORDS_PER_TICK, TICK)) {
      windows.begin("steady load");
      workers.putConnectorConfig(connector, sinkConfig(topic, stream, commitWaitMs, TASKS));
      settled("start", workers, connector, TASKS);

      windows.begin("rolling restart");
      for (int i = 0; i < WORKERS; i++) {
        workers.restartGracefully(i);
        settled("restart of worker " + (i + 1), workers, connector, TASKS);
      }

      windows.begin("kill -9");
      workers.killHard(0);
      settled("kill -9", workers, connector, TASKS);

      windows.begin("worker joins");
      workers.join();
      settled("join", workers, connector, TASKS);

      windows.begin("tasks.max " + TASKS + "->" + TASKS_AFTER_CHANGE);
      workers.putConnectorConfig(
          connector, sinkConfig(topic, stream, commitWaitMs, TASKS_AFTER_CHANGE));
      settled("tasks.max change", workers, connector, TASKS_AFTER_CHANGE);

      // Kinesis unreachable for 10 s while the tasks are rebalanced back to six: the commits
      // before the revocation cannot wait for anything, so this one may re-send records.
      windows.begin("network cut 10 s during a rebalance");
      network.cut();
      workers.putConnectorConfig(connector, sinkConfig(topic, stream, commitWaitMs, TASKS));
      Thread.sleep(NETWORK_CUT.toMillis());
      network.restore();
      settled("network cut during a rebalance", workers, connector, TASKS);

      windows.begin("drain");
      sent = producer.stop();
      LOG.info(
          "Producer stopped: {} records acknowledged, {} sends failed",
          sent.size(),
          producer.failedCount());
    }
    if (!awaitCommittedToEnd(connector, topic, Duration.ofMinutes(3))) {
      LOG.warn("Connector status: {}", workers.status(connector));
    }
    // The emulator serves the read faster with no sink writing to it.
    workers.close();
    List<KinesisUserRecord> delivered =
        new KinesisReader(client)
            .withTimeout(Duration.ofMinutes(3))
            .readAllDeaggregated(stream)
            .userRecords();

    DeliveryAudit audit = DeliveryAudit.of(sent, windows, delivered);
    LOG.info(
        "KinesisSinkClusterIT kinesis.commit.wait.ms={}: {} produced, {} user records in the"
            + " stream, {} entries failed by the proxy, {} s\n  {}",
        commitWaitMs,
        sent.size(),
        delivered.size(),
        faults.entriesFailed() - failedBefore,
        Duration.between(began, Instant.now()).toSeconds(),
        audit.rows().stream().map(Object::toString).collect(Collectors.joining("\n  ")));

    assertThat(faults.entriesFailed() - failedBefore)
        .as("entries failed by the proxy")
        .isPositive();
    assertThat(audit.rows().subList(0, audit.rows().size() - 1))
        .as("every event happened under load")
        .allSatisfy(row -> assertThat(row.produced()).as(row.phase()).isPositive());
    assertThat(audit.lostValues()).as("records never delivered").isEmpty();
    assertThat(audit.reorderings())
        .as("records that first arrived after a later record of their key")
        .isEmpty();
  }

  /**
   * Waits until the connector runs as asked on live workers and records flow again: the proxy
   * stored {@link #FLOWING} more entries and {@link #MIN_DWELL} passed.
   */
  private static void settled(String event, ConnectWorkerGroup workers, String connector, int tasks)
      throws InterruptedException {
    Instant began = Instant.now();
    String spread = workers.awaitSettled(connector, tasks);
    Instant settled = Instant.now();
    long forwarded = faults.entriesForwarded();
    Instant deadline = settled.plus(Duration.ofMinutes(1));
    while (faults.entriesForwarded() - forwarded < FLOWING
        || Instant.now().isBefore(settled.plus(MIN_DWELL))) {
      assertThat(Instant.now())
          .as("records flowing again after %s (tasks %s)", event, spread)
          .isBefore(deadline);
      Thread.sleep(200);
    }
    LOG.info(
        "After {}: tasks {} settled in {} s, records flowing after {} s more",
        event,
        spread,
        Duration.between(began, settled).toSeconds(),
        Duration.between(settled, Instant.now()).toSeconds());
  }

  private static Map<String, String> workerConfig() {
    Map<String, String> worker = new HashMap<>();
    // A departed worker's tasks move at once rather than after 5 minutes.
    worker.put("scheduled.rebalance.max.delay.ms", "0");
    worker.put("session.timeout.ms", "6000");
    worker.put("heartbeat.interval.ms", "2000");
    // The sink tasks' consumers: a killed task's partitions are handed on after 10 s, not 45 s.
    worker.put("consumer.session.timeout.ms", "10000");
    worker.put("consumer.heartbeat.interval.ms", "3000");
    // task.shutdown.graceful.timeout.ms stays at Connect's 5 s: on a loaded machine a stop can
    // overrun it, and the task's new instance must start while the old one still holds its
    // plugin metrics (it failed on "A metric named ... already exists" before the fix).
    // The bundle lists its plugins in META-INF/services: no class path scan, a faster start.
    worker.put("plugin.discovery", "service_load");
    return worker;
  }

  private static Map<String, String> sinkConfig(
      String topic, String stream, String commitWaitMs, int tasks) {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings(network.endpoint()));
    config.put("connector.class", "io.kinesisbridge.sink.KinesisSinkConnector");
    config.put("tasks.max", String.valueOf(tasks));
    config.put("topics", topic);
    config.put("kinesis.stream.name", stream);
    config.put("kinesis.commit.wait.ms", commitWaitMs);
    // Many small calls, so that many draws of the proxy's dice hit each partition.
    config.put("kinesis.batch.max.records", "100");
    config.put("kinesis.retry.backoff.ms", "50");
    config.put("kinesis.retry.backoff.max.ms", "500");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }

  private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
    Map<Integer, Long> sorted = new TreeMap<>();
    offsets.forEach((partition, offset) -> sorted.put(partition.partition(), offset));
    return sorted;
  }

  /**
   * Waits until the connector's consumer group committed the end of every partition: then every
   * record is acknowledged by Kinesis and the stream can be read once. Answers whether it got
   * there; if not, the audit tells what is missing.
   */
  private static boolean awaitCommittedToEnd(String connector, String topic, Duration timeout)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> latest =
        IntStream.range(0, PARTITIONS)
            .mapToObj(p -> new TopicPartition(topic, p))
            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    try (Admin admin = kafka.createAdminClient()) {
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
      Instant deadline = Instant.now().plus(timeout);
      Map<TopicPartition, Long> committed = Map.of();
      int polls = 0;
      while (Instant.now().isBefore(deadline)) {
        Map<TopicPartition, Long> now = new HashMap<>();
        admin
            .listConsumerGroupOffsets("connect-" + connector)
            .partitionsToOffsetAndMetadata()
            .get()
            .forEach((p, offset) -> now.put(p, offset == null ? -1 : offset.offset()));
        committed = now;
        if (committed.equals(ends)) {
          return true;
        }
        if (++polls % 20 == 0) {
          LOG.info(
              "Draining: {} of {} records committed",
              committed.values().stream().mapToLong(Long::longValue).sum(),
              ends.values().stream().mapToLong(Long::longValue).sum());
        }
        Thread.sleep(500);
      }
      LOG.warn(
          "Not committed to the end within {}: {} of {}",
          timeout,
          byPartition(committed),
          byPartition(ends));
      return false;
    }
  }
}
