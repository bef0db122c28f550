package io.kinesisbridge.common.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends one task's gauges to CloudWatch every interval from a daemon thread of its own. Nothing it
 * does can reach the data flow: gauges are only read, every failure is caught and logged (WARN once
 * per streak, then DEBUG), and a slow CloudWatch only delays the next publication.
 */
public final class CloudWatchPublisher implements GaugePublisher {

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchPublisher.class);

  /** How long {@link #close()} waits for a publication in progress before closing the client. */
  private static final long CLOSE_WAIT_MS = 2_000;

  private final CloudWatchMetricsSettings settings;
  private final String connector;
  private final String task;
  private final CloudWatchPort port;
  private final Clock clock;
  private final MetricDatums datums;
  private final FailureStreak streak = new FailureStreak();
  private final List<GaugeSet> sets = new CopyOnWriteArrayList<>();
  private volatile ScheduledExecutorService scheduler;
  private volatile boolean closed;

  /**
   * A publisher that owns {@code port}; it publishes only after {@link #start()}.
   *
   * @param settings namespace, interval and shard dimensions
   * @param connector the Connector dimension
   * @param task the Task dimension
   * @param port where the batches go; closed by {@link #close()}
   * @param clock stamps the datums
   */
  public CloudWatchPublisher(
      CloudWatchMetricsSettings settings,
      String connector,
      String task,
      CloudWatchPort port,
      Clock clock) {
    this.settings = settings;
    this.connector = connector;
    this.task = task;
    this.port = port;
    this.clock = clock;
    this.datums = new MetricDatums(settings.shardDimensions());
  }

  /**
   * Publishes every interval from now on, the first time one interval from now; a second call does
   * nothing.
   */
  @Override
  public synchronized void start() {
    if (scheduler != null || closed) {
      return;
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread =
                  new Thread(runnable, "kinesis-bridge-cloudwatch-" + connector + "-" + task);
              thread.setDaemon(true);
              return thread;
            });
    long interval = settings.interval().toMillis();
    executor.scheduleWithFixedDelay(this::publishNow, interval, interval, TimeUnit.MILLISECONDS);
    scheduler = executor;
    LOG.info(
        "Publishing the metrics of {} task {} to CloudWatch namespace {} every {} s",
        connector,
        task,
        settings.namespace(),
        settings.interval().toSeconds());
  }

  @Override
  public void add(Map<String, String> tags, Supplier<Map<String, Number>> gauges) {
    sets.add(new GaugeSet(Map.copyOf(tags), gauges));
  }

  /**
   * Reads every gauge set and sends the values; never throws. The scheduler calls it; tests call it
   * directly.
   */
  void publishNow() {
    try {
      for (List<MetricDatum> batch : datums.batches(snapshots(), clock.instant())) {
        port.putMetricData(settings.namespace(), batch);
      }
      if (streak.succeeded() == FailureStreak.Level.INFO) {
        LOG.info("CloudWatch metrics of {} task {} are delivered again", connector, task);
      }
    } catch (RuntimeException e) {
      logFailure(e);
    }
  }

  private List<GaugeSnapshot> snapshots() {
    List<GaugeSnapshot> snapshots = new ArrayList<>(sets.size());
    for (GaugeSet set : sets) {
      try {
        snapshots.add(new GaugeSnapshot(connector, task, set.tags(), set.gauges().get()));
      } catch (RuntimeException e) {
        LOG.debug("Gauges {} of {} task {} could not be read", set.tags(), connector, task, e);
      }
    }
    return snapshots;
  }

  private void logFailure(RuntimeException e) {
    if (closed) {
      LOG.debug("CloudWatch publication cut off by the task's stop: {}", e.toString());
      return;
    }
    if (streak.failed() == FailureStreak.Level.WARN) {
      LOG.warn(
          "Could not publish the metrics of {} task {} to CloudWatch namespace {}; records keep"
              + " flowing, further failures are logged at DEBUG until it works again: {}",
          connector,
          task,
          settings.namespace(),
          e.toString());
    } else {
      LOG.debug("CloudWatch publication failed ({} in a row): {}", streak.failures(), e.toString());
    }
  }

  /** Stops the thread, waits briefly for a publication in progress, then closes the client. */
  @Override
  public void close() {
    ScheduledExecutorService executor;
    synchronized (this) {
      closed = true;
      executor = scheduler;
    }
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      port.close();
    } catch (RuntimeException e) {
      LOG.debug("Could not close the CloudWatch client: {}", e.toString());
    }
  }

  /** Whether the publishing thread has ended; for tests. */
  boolean terminated() {
    ScheduledExecutorService executor = scheduler;
    return executor == null || executor.isTerminated();
  }

  private record GaugeSet(Map<String, String> tags, Supplier<Map<String, Number>> gauges) {}
}
