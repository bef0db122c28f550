package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.it.ContinuousProducer.Sent;
import io.kinesisbridge.testkit.KinesisFaultProxy;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.S3Server;
import io.kinesisbridge.testkit.TcpProxy;
import io.kinesisbridge.testkit.firehose.FirehoseEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.kinesisbridge.it.SourceRecordChecks.assertShardOrder;
import static io.kinesisbridge.it.SourceRecordChecks.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * All three connectors at once on a real Connect cluster of three worker JVMs, as users run them,
 * while records are written for each throughout: the Kinesis sink (6 tasks, a fifth of its
 * PutRecords entries failed by a proxy), the Firehose sink (3 tasks, a fifth of its records failed
 * by the endpoint) and the Kinesis source (4 tasks, exactly once, 8 shards, one split during the
 * run, a fifth of its GetRecords calls throttled by the proxy). The events, each once records flow
 * again after the one before: a rolling restart of all three workers, a {@code kill -9} of one, a
 * new worker joining, {@code tasks.max} changed through REST (with the split), and a 10-second
 * network cut to Kinesis and Firehose while the tasks are rebalanced back. At the end nothing is
 * lost; the Kinesis sink and the source kept each key's order; the source wrote each Kinesis record
 * exactly once and each shard in order; what the sinks sent twice is counted per event and logged
 * (at-least-once allows it), never asserted.
 *
 * <p>CI runs it with the default commit wait of both sinks ({@code kinesis.commit.wait.ms} and
 * {@code firehose.commit.wait.ms}, 2000). For the before/after figures of the commit wait, list the
 * values to run:
 *
 * <pre>
 * ./mvnw -B verify -pl integration-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=ConnectClusterIT -Dcluster.it.commit.waits=2000,0
 * </pre>
 *
 * <p>The workers run the Kafka we build against; {@code -Dcluster.it.worker=3.7} (or {@code 3.9},
 * {@code 4.0}) runs them on an older line, as MSK Connect and Confluent Platform 7.x users do.
 *
 * <p>The workers run with {@code scheduled.rebalance.max.delay.ms=0} (a departed worker's tasks
 * move at once, the most rebalances) and short consumer sessions, so a killed worker's partitions
 * are handed on within seconds rather than the default 45 s.
 */
class ConnectClusterIT {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectClusterIT.class);

  private static final int WORKERS = 3;
  private static final String BUCKET = "cluster-it";

  /** Each event waits at least this long once records flow, so offsets are committed between. */
  private static final Duration MIN_DWELL = Duration.ofSeconds(4);

  private static final Duration NETWORK_CUT = Duration.ofSeconds(10);

  private static KinesisMock kinesis;
  private static KinesisFaultProxy kinesisFaults;
  private static TcpProxy kinesisNetwork;
  private static AwsClientFactory clients;
  private static KinesisClient client;
  private static S3Server s3;
  private static S3Client s3Client;
  private static FirehoseEndpoint firehose;
  private static TcpProxy firehoseNetwork;
  private static EmbeddedKafkaCluster kafka;
  private static final List<ConnectWorkerGroup> groups = new ArrayList<>();

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.start();
    kinesisFaults =
        KinesisFaultProxy.start(kinesis.plainEndpoint())
            .failedEntryShare(0.2)
            .throttledReadShare(0.2);
    // The workers reach AWS through TCP proxies that can cut the network.
    kinesisNetwork = TcpProxy.start(kinesisFaults.endpoint().getPort());
    clients = AwsClientFactory.create(AwsSettings.from(kinesis.awsSettings()));
    client = clients.kinesis();
    s3 = S3Server.start();
    s3Client = s3.client();
    s3Client.createBucket(b -> b.bucket(BUCKET));
    firehose = FirehoseEndpoint.builder().s3(s3Client).seed(13).start();
    firehose.faults().failedEntryShare(0.2);
    firehoseNetwork = TcpProxy.start(firehose.port());
    kafka = SingleBroker.start();
  }

  @AfterAll
  static void stop() {
    groups.forEach(ConnectWorkerGroup::close);
    if (kafka != null) {
      kafka.stop();
    }
    closeAll(firehoseNetwork, firehose, s3Client, s3, client, clients, kinesisNetwork);
    closeAll(kinesisFaults, kinesis);
  }

  private static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception e) {
          LOG.warn("Closing {} failed", resource, e);
        }
      }
    }
  }

  /**
   * The workers' Kafka: the one we build against, or an older line ({@code 3.7}, {@code 3.9},
   * {@code 4.0}) named by {@code -Dcluster.it.worker}.
   */
  private static WorkerRuntime workerRuntime() {
    String line = System.getProperty("cluster.it.worker", "");
    return line.isBlank() ? WorkerRuntime.current() : WorkerRuntime.ofModule(line.trim());
  }

  /** {@code 2000} (the default) unless {@code -Dcluster.it.commit.waits} lists others. */
  static Stream<String> commitWaits() {
    return Arrays.stream(System.getProperty("cluster.it.commit.waits", "2000").split(","))
        .map(String::trim);
  }

  @ParameterizedTest(name = "commit.wait.ms={0}")
  @MethodSource("commitWaits")
  void restartsAKillAJoinATasksChangeAndANetworkCutLoseNothing(String commitWaitMs)
      throws Exception {
    Instant began = Instant.now();
    String name = "cluster-" + commitWaitMs;
    long kinesisFailedBefore = kinesisFaults.entriesFailed();
    long readsThrottledBefore = kinesisFaults.readsThrottled();
    long firehoseFailedBefore = firehose.stats().snapshot().recordsFailed();
    KinesisSourceFlow source =
        KinesisSourceFlow.create(
            name + "-copy", kafka, client, kinesis.awsSettings(kinesisNetwork.endpoint()));
    List<ClusterFlow> flows =
        List.of(
            new KinesisSinkFlow(
                name + "-kinesis",
                kafka,
                client,
                kinesisFaults,
                kinesis.awsSettings(kinesisNetwork.endpoint()),
                commitWaitMs),
            new FirehoseSinkFlow(
                name + "-firehose",
                kafka,
                firehose,
                s3Client,
                BUCKET,
                throughNetwork(firehose.awsSettings(), firehoseNetwork),
                commitWaitMs),
            source);

    ConnectWorkerGroup workers =
        ConnectWorkerGroup.start(
            workerRuntime(),
            kafka.bootstrapServers(),
            // Unique per run: the workers' logs in target/connect-workers survive the next run.
            "connect-" + name + "-" + began.getEpochSecond() % 100_000,
            workerConfig(),
            WORKERS);
    groups.add(workers);
    EventWindows windows = new EventWindows();
    windows.begin("steady load");
    flows.forEach(ClusterFlow::startLoad);
    configure(workers, flows, ClusterFlow::tasks);
    settled("start", workers, flows, ClusterFlow::tasks);

    windows.begin("rolling restart");
    for (int i = 0; i < WORKERS; i++) {
      workers.restartGracefully(i);
      settled("restart of worker " + (i + 1), workers, flows, ClusterFlow::tasks);
    }

    windows.begin("kill -9");
    workers.killHard(0);
    settled("kill -9", workers, flows, ClusterFlow::tasks);

    windows.begin("worker joins");
    workers.join();
    settled("join", workers, flows, ClusterFlow::tasks);

    windows.begin("tasks.max changed, split");
    configure(workers, flows, ClusterFlow::tasksAfterChange);
    source.splitOneShard();
    settled("tasks.max change and split", workers, flows, ClusterFlow::tasksAfterChange);

    // AWS unreachable for 10 s while the tasks are rebalanced back: the sinks' commits before the
    // revocation cannot wait for anything, so this one may re-send records.
    windows.begin("network cut 10 s in a rebalance");
    kinesisNetwork.cut();
    firehoseNetwork.cut();
    configure(workers, flows, ClusterFlow::tasks);
    Thread.sleep(NETWORK_CUT.toMillis());
    kinesisNetwork.restore();
    firehoseNetwork.restore();
    settled("network cut during a rebalance", workers, flows, ClusterFlow::tasks);

    windows.begin("drain");
    Map<ClusterFlow, List<Sent>> sent = new LinkedHashMap<>();
    flows.forEach(flow -> sent.put(flow, flow.stopLoad()));
    for (ClusterFlow flow : flows) {
      if (!flow.awaitDrained(Duration.ofMinutes(3))) {
        LOG.warn("{} not drained: {}", flow.connector(), workers.status(flow.connector()));
      }
    }
    // Graceful stops commit the source's last transaction; the emulators serve reads faster idle.
    workers.close();
    Map<ClusterFlow, DeliveryAudit> audits = new LinkedHashMap<>();
    sent.forEach((flow, records) -> audits.put(flow, flow.audit(records, windows)));

    LOG.info(
        "ConnectClusterIT commit.wait.ms={} ({} s; {} Kinesis entries, {} GetRecords calls and {}"
            + " Firehose records failed by the fakes):{}",
        commitWaitMs,
        Duration.between(began, Instant.now()).toSeconds(),
        kinesisFaults.entriesFailed() - kinesisFailedBefore,
        kinesisFaults.readsThrottled() - readsThrottledBefore,
        firehose.stats().snapshot().recordsFailed() - firehoseFailedBefore,
        audits.entrySet().stream()
            .map(e -> report(e.getKey(), sent.get(e.getKey()), e.getValue()))
            .collect(Collectors.joining()));

    assertThat(kinesisFaults.entriesFailed() - kinesisFailedBefore)
        .as("Kinesis entries failed by the proxy")
        .isPositive();
    assertThat(kinesisFaults.readsThrottled() - readsThrottledBefore)
        .as("GetRecords calls throttled by the proxy")
        .isPositive();
    assertThat(firehose.stats().snapshot().recordsFailed() - firehoseFailedBefore)
        .as("Firehose records failed by the endpoint")
        .isPositive();
    audits.forEach((flow, audit) -> assertDelivered(flow, audit));
    assertSourceExactlyOnce(source, audits.get(source));
  }

  private static void assertDelivered(ClusterFlow flow, DeliveryAudit audit) {
    assertThat(audit.rows().subList(0, audit.rows().size() - 1))
        .as("%s: every event happened under load", flow.connector())
        .allSatisfy(row -> assertThat(row.produced()).as(row.phase()).isPositive());
    assertThat(audit.lostValues()).as("%s: records never delivered", flow.connector()).isEmpty();
    if (flow.keepsKeyOrder()) {
      assertThat(audit.reorderings())
          .as("%s: records that first arrived after a later record of their key", flow.connector())
          .isEmpty();
    }
  }

  /** Exactly once: no copies at all, each shard in order, and the split's children read too. */
  private static void assertSourceExactlyOnce(KinesisSourceFlow source, DeliveryAudit audit) {
    List<ConsumerRecord<byte[], byte[]>> records = source.committedRecords();
    assertThat(audit.totalDuplicated()).as("Kinesis records the source wrote twice").isZero();
    assertShardOrder(records);
    Set<String> shardsRead =
        records.stream().map(r -> header(r, "kinesis.shard.id")).collect(Collectors.toSet());
    assertThat(shardsRead).as("shards read").containsAll(source.originalShards());
    assertThat(shardsRead.size())
        .as("shards read: the 8 the stream began with and the split's two children")
        .isEqualTo(source.originalShards().size() + 2);
  }

  private static String report(ClusterFlow flow, List<Sent> sent, DeliveryAudit audit) {
    return String.format(
        "%n %s: %d records written%n  %s",
        flow.connector(),
        sent.size(),
        audit.rows().stream().map(Object::toString).collect(Collectors.joining("\n  ")));
  }

  private static void configure(
      ConnectWorkerGroup workers, List<ClusterFlow> flows, ToIntFunction<ClusterFlow> tasks) {
    flows.forEach(
        flow -> workers.putConnectorConfig(flow.connector(), flow.config(tasks.applyAsInt(flow))));
  }

  /**
   * Waits until every connector runs as asked on live workers and records flow again through each:
   * each moved {@link ClusterFlow#movedPerEvent()} more, and {@link #MIN_DWELL} passed.
   */
  private static void settled(
      String event,
      ConnectWorkerGroup workers,
      List<ClusterFlow> flows,
      ToIntFunction<ClusterFlow> tasks)
      throws InterruptedException {
    Instant began = Instant.now();
    Map<String, Integer> expected = new LinkedHashMap<>();
    flows.forEach(flow -> expected.put(flow.connector(), tasks.applyAsInt(flow)));
    String spread = workers.awaitSettled(expected);
    Instant settled = Instant.now();
    Map<ClusterFlow, Long> movedAtSettle = new HashMap<>();
    flows.forEach(flow -> movedAtSettle.put(flow, flow.moved()));
    Instant deadline = settled.plus(Duration.ofMinutes(1));
    while (true) {
      Map<String, Long> since = movedSince(flows, movedAtSettle);
      boolean flowing =
          flows.stream().allMatch(flow -> since.get(flow.connector()) >= flow.movedPerEvent());
      if (flowing && !Instant.now().isBefore(settled.plus(MIN_DWELL))) {
        break;
      }
      assertThat(Instant.now())
          .as(
              "records flowing again through every connector after %s (moved %s since; tasks %s)",
              event, since, spread)
          .isBefore(deadline);
      Thread.sleep(500);
    }
    LOG.info(
        "After {}: tasks {} settled in {} s, records flowing after {} s more",
        event,
        spread,
        Duration.between(began, settled).toSeconds(),
        Duration.between(settled, Instant.now()).toSeconds());
  }

  private static Map<String, Long> movedSince(List<ClusterFlow> flows, Map<ClusterFlow, Long> at) {
    Map<String, Long> moved = new LinkedHashMap<>();
    flows.forEach(flow -> moved.put(flow.connector(), flow.moved() - at.get(flow)));
    return moved;
  }

  /** {@code settings} with the endpoint replaced by {@code network}'s. */
  private static Map<String, String> throughNetwork(
      Map<String, String> settings, TcpProxy network) {
    Map<String, String> through = new HashMap<>(settings);
    through.put("aws.endpoint.url", network.endpoint().toString());
    return through;
  }

  private static Map<String, String> workerConfig() {
    Map<String, String> worker = new HashMap<>(ConnectWorkerProcess.quickFailover());
    worker.put("exactly.once.source.support", "enabled");
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
}
