package io.kinesisbridge.it;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One broker and one Connect worker on the bundle, shared by every IT class of the test JVM that
 * needs no worker settings of its own (the build runs all IT classes in one JVM, one at a time).
 *
 * <p>Starting and stopping a broker and a worker cost each class 10 to 60 seconds on a 2-core
 * machine, most of the IT run's overhead. A class takes the cluster in {@code @BeforeAll} with
 * {@link #acquire()} and gives it back in {@code @AfterAll} with {@link #release()}, which deletes
 * every connector the class left, so the next class starts on an idle worker. Topics stay: every
 * class names its topics, streams and connectors after itself. The cluster stops when the JVM
 * exits.
 */
public final class SharedConnectCluster {

  private static final Logger LOG = LoggerFactory.getLogger(SharedConnectCluster.class);
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(60);

  private static EmbeddedConnectCluster cluster;

  private SharedConnectCluster() {}

  /** The shared cluster, started on first use. */
  public static synchronized EmbeddedConnectCluster acquire() {
    if (cluster == null) {
      cluster =
          BundleConnectCluster.start(
              "shared-it",
              // The sink ITs send records up to TestProducer.MAX_MESSAGE_BYTES through Connect.
              Map.of("producer.max.request.size", String.valueOf(TestProducer.MAX_MESSAGE_BYTES)));
      // Normally stopped when the test run ends (SharedClusterSessionListener); the hook is the
      // fallback for a run that ends otherwise.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(SharedConnectCluster::stopIfStarted, "shared-connect-cluster-stop"));
    }
    return cluster;
  }

  /**
   * Stops the shared cluster, if one was started, before the JVM exits: stopped from a shutdown
   * hook instead, it races Connect's own hook, which then waits for a herder that already called
   * System.exit on losing the broker, until Surefire kills the fork 30 s later (a failed build).
   */
  static synchronized void stopIfStarted() {
    if (cluster != null) {
      EmbeddedConnectCluster started = cluster;
      cluster = null;
      LOG.info("Stopping the shared Connect cluster (from {})", Thread.currentThread().getName());
      started.stop();
    }
  }

  /**
   * Deletes every connector on the shared cluster and waits until the worker runs none of their
   * tasks, so that nothing a class started keeps working (or failing, or holding threads) while the
   * next class runs.
   */
  public static synchronized void release() {
    if (cluster == null) {
      return;
    }
    Collection<String> connectors = cluster.connectors();
    connectors.forEach(cluster::deleteConnector);
    await("connectors listed", () -> cluster.connectors());
    // A deleted connector leaves the list at once; its tasks stop at the next rebalance. Connect
    // names a task's thread task-thread-<connector>-<n> while the task runs.
    await("task threads running", () -> taskThreads(connectors));
    if (!connectors.isEmpty()) {
      LOG.info("shared Connect cluster: deleted the connectors left behind: {}", connectors);
    }
  }

  private static List<String> taskThreads(Collection<String> connectors) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(
            name -> connectors.stream().anyMatch(c -> name.startsWith("task-thread-" + c + "-")))
        .toList();
  }

  /** Waits until {@code leftovers} gives nothing, failing with what is left after the timeout. */
  private static void await(String what, Supplier<Collection<String>> leftovers) {
    Instant deadline = Instant.now().plus(RELEASE_TIMEOUT);
    Collection<String> left = leftovers.get();
    while (!left.isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            what + " on the shared worker " + RELEASE_TIMEOUT + " after the deletes: " + left);
      }
      sleep(Duration.ofMillis(200));
      left = leftovers.get();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while releasing the shared cluster", e);
    }
  }
}
