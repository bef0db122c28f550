package io.kinesisbridge.sink.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * A provisioned stream under a synthetic load curve, measured once a minute and resized by the
 * engine's decisions, the way the background scaler will drive it through a {@link ScalingHistory}:
 * each minute one sample (records beyond the shards' capacity come back throttled), one decision,
 * and a change applied at once.
 */
final class SimulatedStream {

  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  /** Small records, so the 1,000 records/s per shard are the limit, not the MiB/s. */
  static final double RECORD_BYTES = 100;

  private final ScalingDecisionEngine engine;
  private final ScalingHistory history;
  private final List<Change> changeLog = new ArrayList<>();
  private final List<ScalingDecision> decisions = new ArrayList<>();
  private int shards;

  SimulatedStream(ScalingPolicy policy, int shards) {
    this.engine = new ScalingDecisionEngine(policy);
    this.history = new ScalingHistory(policy);
    this.shards = shards;
  }

  /** A shard count change the engine asked for. */
  record Change(long minute, int from, int to) {}

  static Instant at(long minute) {
    return T0.plus(Duration.ofMinutes(minute));
  }

  /** What the stream measures when {@code demand} records/s want in and {@code shards} exist. */
  static StreamLoadSample sample(long minute, int shards, double demand) {
    double accepted = Math.min(demand, shards * WriteCapacity.RECORDS_PER_SHARD);
    return StreamLoadSample.ofTotals(
        at(minute), shards, accepted * RECORD_BYTES, accepted, demand - accepted);
  }

  /** Runs minutes {@code from} to {@code to} inclusive under {@code demandAt(minute)}. */
  SimulatedStream run(long from, long to, LongToDoubleFunction demandAt) {
    for (long minute = from; minute <= to; minute++) {
      step(minute, demandAt.applyAsDouble(minute));
    }
    return this;
  }

  ScalingDecision step(long minute, double demand) {
    Instant now = at(minute);
    history.add(sample(minute, shards, demand));
    ScalingDecision decision = engine.decide(history.input(now, StreamState.ACTIVE, false));
    decisions.add(decision);
    if (decision.changesShardCount()) {
      changeLog.add(new Change(minute, shards, decision.targetShards()));
      history.recordChange(now);
      shards = decision.targetShards();
    }
    return decision;
  }

  int shards() {
    return shards;
  }

  List<Change> changes() {
    return changeLog;
  }

  List<ScalingDecision> decisions() {
    return decisions;
  }

  /** The most changes made within any 24 hours of the run. */
  int mostChangesInAnyDay() {
    int most = 0;
    for (Change first : changeLog) {
      long inDay =
          changeLog.stream()
              .filter(c -> c.minute() >= first.minute() && c.minute() < first.minute() + 1440)
              .count();
      most = Math.max(most, (int) inDay);
    }
    return most;
  }
}
