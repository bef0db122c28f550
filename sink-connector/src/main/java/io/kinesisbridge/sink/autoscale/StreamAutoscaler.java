package io.kinesisbridge.sink.autoscale;

import io.kinesisbridge.common.errors.ErrorClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one stream's shard count right: at every check it reads the stream's status, renews its
 * claim, takes a load sample, asks the {@link ScalingDecisionEngine} and, for a change (unless in
 * dry-run), calls UpdateShardCount. Runs on a thread of its own that the connector owns, so a
 * failed or slow call never touches the data flow: a failed check is logged and the next one starts
 * afresh. Every new decision is logged once with its reason; the latest is published as gauges.
 */
public final class StreamAutoscaler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamAutoscaler.class);

  private final String stream;
  private final ScalingPolicy policy;
  private final ScalingDecisionEngine engine;
  private final ScalingHistory history;
  private final StreamClaim claim;
  private final ScalingPort port;
  private final WriteLoadSource load;
  private final Clock clock;
  private ScheduledExecutorService thread;

  private volatile ScalingDecision latest;
  private volatile long changesMade;
  private volatile long failedChecks;
  private String lastLogged;
  private String lastFailure;
  private int seenShards;
  private int expectedShards;

  /**
   * @param owner the claim's owner (the connector's name)
   * @param stream the stream, for the log
   * @param interval how often to check; a claim stays fresh for three of them
   */
  public StreamAutoscaler(
      String owner,
      String stream,
      ScalingPolicy policy,
      Duration interval,
      ScalingPort port,
      WriteLoadSource load,
      Clock clock) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.engine = new ScalingDecisionEngine(policy);
    this.history = new ScalingHistory(policy);
    this.claim = new StreamClaim(owner, interval.multipliedBy(3));
    this.port = Objects.requireNonNull(port, "port");
    this.load = Objects.requireNonNull(load, "load");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Starts checking every {@code interval} on a daemon thread of its own. */
  public void start(Duration interval) {
    LOG.info(
        "Autoscaling stream '{}' between {} and {} shards{}, measuring {}",
        stream,
        policy.minShards(),
        policy.maxShards(),
        policy.dryRun() ? " (dry run: decisions are logged, nothing is changed)" : "",
        load.description());
    thread =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "kinesis-autoscaler-" + stream);
              t.setDaemon(true);
              return t;
            });
    thread.scheduleWithFixedDelay(this::checkSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void checkSafely() {
    try {
      check();
      lastFailure = null;
    } catch (RuntimeException e) {
      failedChecks++;
      String reason = ErrorClassifier.classify(e).reason();
      if (!reason.equals(lastFailure)) {
        LOG.warn(
            "Autoscaler for stream '{}': a check failed, trying again next time: {}",
            stream,
            reason);
        lastFailure = reason;
      }
    }
  }

  /** One check: status, claim, sample, decision, and the change it asks for. */
  void check() {
    Instant now = clock.instant();
    ScalingPort.StreamSummary status = port.describe();
    if (status.state() == StreamState.ACTIVE) {
      // While UPDATING, the open count passes through in-between values of a reshard.
      noticeChangesByOthers(status.openShards(), now);
    }
    Optional<String> other =
        status.state() == StreamState.ON_DEMAND
            ? Optional.empty()
            : claim.otherOwner(port, now, !policy.dryRun());
    load.sample(now, status.openShards()).ifPresent(history::add);
    ScalingDecision decision = engine.decide(history.input(now, status.state(), other.isPresent()));
    latest = decision;
    log(decision, other);
    if (decision.changesShardCount() && !policy.dryRun()) {
      change(decision, now);
    }
  }

  private void change(ScalingDecision decision, Instant now) {
    try {
      port.updateShardCount(decision.targetShards());
    } catch (LimitExceededException | ResourceInUseException e) {
      LOG.warn(
          "Autoscaler for stream '{}': Kinesis refused {} -> {} shards ({}); deciding again at"
              + " the next check",
          stream,
          decision.currentShards(),
          decision.targetShards(),
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
      return;
    }
    history.recordChange(now);
    expectedShards = decision.targetShards();
    changesMade++;
    LOG.info(
        "Autoscaler for stream '{}': asked Kinesis for {} shards (from {})",
        stream,
        decision.targetShards(),
        decision.currentShards());
  }

  /** A count that moved other than to the target this scaler asked for: someone else's change. */
  private void noticeChangesByOthers(int openShards, Instant now) {
    if (seenShards != 0 && openShards != seenShards && openShards != expectedShards) {
      history.recordChange(now);
      LOG.info(
          "Autoscaler for stream '{}': the shard count changed from {} to {} by someone else",
          stream,
          seenShards,
          openShards);
    }
    if (openShards == expectedShards) {
      expectedShards = 0;
    }
    seenShards = openShards;
  }

  private void log(ScalingDecision decision, Optional<String> other) {
    String key =
        decision.action()
            + "/"
            + decision.reason()
            + "/"
            + decision.currentShards()
            + "/"
            + decision.targetShards();
    if (key.equals(lastLogged)) {
      return;
    }
    lastLogged = key;
    String by = other.map(owner -> " (claimed by '" + owner + "')").orElse("");
    String verb = policy.dryRun() && decision.changesShardCount() ? "would " : "";
    LOG.info(
        "Autoscaler for stream '{}': {}{} {} -> {} shards, {}: {}{} (utilization {}%, {} changes"
            + " left today)",
        stream,
        verb,
        decision.action(),
        decision.currentShards(),
        decision.targetShards(),
        decision.reason(),
        decision.message(),
        by,
        Math.round(decision.utilization() * 100),
        decision.changesLeftToday());
  }

  /** The latest decision's figures, for JMX and the worker's metrics. */
  public Map<String, Number> gauges() {
    Map<String, Number> gauges = new LinkedHashMap<>();
    ScalingDecision decision = latest;
    gauges.put("current-shards", decision == null ? 0 : decision.currentShards());
    gauges.put("target-shards", decision == null ? 0 : decision.targetShards());
    gauges.put("write-utilization", decision == null ? 0.0 : decision.utilization());
    gauges.put("changes-left-today", decision == null ? 0 : decision.changesLeftToday());
    gauges.put("shard-count-changes-total", changesMade);
    gauges.put("failed-checks-total", failedChecks);
    gauges.put("dry-run", policy.dryRun() ? 1 : 0);
    return gauges;
  }

  /** The latest decision, if a check has decided yet. */
  public Optional<ScalingDecision> latest() {
    return Optional.ofNullable(latest);
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.shutdownNow();
      try {
        thread.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
