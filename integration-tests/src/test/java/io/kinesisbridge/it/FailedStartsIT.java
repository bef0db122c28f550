package io.kinesisbridge.it;

import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.TcpProxy;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kinesis sink whose task cannot start (its stream does not exist), created, failed and deleted
 * over and over in a real worker: every failed start must give back what it built (SDK client and
 * its threads, the pipeline's timer, the shard-map refresher), or the worker's thread count grows
 * with every attempt.
 *
 * <p>Connect validates a config before creating the connector, and our validate reports a missing
 * stream. To reach the task with a missing stream anyway (as when the stream is deleted after the
 * connector was created), the proxy to kinesis-mock is cut while Connect validates: validation
 * stays silent when AWS cannot be reached. The task then fails on the missing stream, or on the cut
 * if it starts before the proxy is restored: a failed start either way.
 */
class FailedStartsIT {

  private static final int ROUNDS = 20;
  private static final String TOPIC = "failed-starts";

  /**
   * Threads a leak leaves behind: ours (pipeline timer {@code kinesis-bridge-*}, {@code
   * kinesis-sink-shard-maps}, {@code kinesis-source-*}) and the AWS SDK's async client threads.
   */
  private static final Predicate<String> LEAK_PRONE =
      name ->
          name.startsWith("kinesis-bridge-")
              || name.startsWith("kinesis-sink-")
              || name.startsWith("kinesis-source-")
              || name.startsWith("aws-java-sdk-NettyEventLoop")
              || name.startsWith("sdk-async-response");

  /**
   * Slack for threads of the worker that come and go on their own (admin clients, offset flushes):
   * a fixed number, not a multiple of the core count, and far below what {@value #ROUNDS} leaked
   * starts would add (at least two named threads each, plus the SDK's event loop).
   */
  private static final int OTHER_THREADS_SLACK = 10;

  private static KinesisMock mock;
  private static TcpProxy proxy;
  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void start() {
    mock = KinesisMock.start();
    proxy = TcpProxy.start(mock.plainPort());
    connect = SharedConnectCluster.acquire();
    TestProducer.createTopic(connect, TOPIC, 1);
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      SharedConnectCluster.release();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (mock != null) {
      mock.close();
    }
  }

  @Test
  void twentyFailedSinkStartsLeaveNoThreadsBehind() throws Exception {
    // One round first: class loading and the SDK's shared, once-per-JVM threads are not a leak.
    failOneStart(0);
    Thread.sleep(5_000); // threads of the warm-up round that are still ending
    Snapshot before = Snapshot.take();

    for (int round = 1; round <= ROUNDS; round++) {
      failOneStart(round);
    }
    Snapshot after = Snapshot.awaitNoMoreThan(before, OTHER_THREADS_SLACK, Duration.ofSeconds(20));

    assertThat(after.grownSince(before))
        .as("leak-prone threads after %s failed starts (before: %s)", ROUNDS, before.leakProne)
        .isEmpty();
    assertThat(after.total)
        .as("all threads after %s failed starts (before: %s)", ROUNDS, before.total)
        .isLessThanOrEqualTo(before.total + OTHER_THREADS_SLACK);
  }

  /** Creates a sink on a missing stream, waits until its task failed, deletes it. */
  private static void failOneStart(int round) throws InterruptedException {
    String connector = "failed-start-" + round;
    Map<String, String> config = new HashMap<>(mock.awsSettings(proxy.endpoint()));
    config.put("connector.class", "io.kinesisbridge.sink.KinesisSinkConnector");
    config.put("tasks.max", "1");
    config.put("topics", TOPIC);
    config.put("kinesis.stream.name", "no-such-stream");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    proxy.cut();
    try {
      connect.configureConnector(connector, config);
    } finally {
      proxy.restore();
    }
    connect
        .assertions()
        .assertConnectorIsRunningAndTasksHaveFailed(connector, 1, "the task fails to start");
    assertThat(connect.connectorStatus(connector).tasks().get(0).trace())
        .contains("no-such-stream");
    connect.deleteConnector(connector);
    connect.assertions().assertConnectorDoesNotExist(connector, "the connector is deleted");
  }

  /** Live thread counts of this JVM, which runs the embedded worker. */
  private record Snapshot(Map<String, Long> leakProne, int total) {

    static Snapshot take() {
      Map<String, Long> named =
          Thread.getAllStackTraces().keySet().stream()
              .filter(Thread::isAlive)
              .map(Thread::getName)
              .filter(LEAK_PRONE)
              // numbered names (event loop 1-3, 1-4...) counted by their stem
              .map(name -> name.replaceAll("[-\\d]+$", ""))
              .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()));
      return new Snapshot(named, Thread.getAllStackTraces().size());
    }

    /** The thread names (stems) of which more are alive now than in {@code before}, with counts. */
    Map<String, Long> grownSince(Snapshot before) {
      Map<String, Long> grown = new TreeMap<>();
      leakProne.forEach(
          (name, count) -> {
            if (count > before.leakProne.getOrDefault(name, 0L)) {
              grown.put(name, count);
            }
          });
      return grown;
    }

    /**
     * Polls until no leak-prone name has more threads than {@code before} and the total is within
     * {@code slack}; the SDK ends its event loop threads a moment after a client is closed. Returns
     * the last.
     */
    static Snapshot awaitNoMoreThan(Snapshot before, int slack, Duration timeout)
        throws InterruptedException {
      Instant deadline = Instant.now().plus(timeout);
      Snapshot now = take();
      while (Instant.now().isBefore(deadline)
          && !(now.grownSince(before).isEmpty() && now.total <= before.total + slack)) {
        Thread.sleep(500);
        now = take();
      }
      return now;
    }
  }
}
