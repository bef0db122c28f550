package io.kinesisbridge.sink.autoscale;

import io.kinesisbridge.sink.autoscale.ScalingDecision.Action;
import io.kinesisbridge.sink.autoscale.ScalingDecision.Reason;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether the stream's shard count should change, from load measurements and the stream's
 * state, within Kinesis's UpdateShardCount rules: a target within double and half of the open
 * shards and within the configured bounds, on 25% steps where possible, never while the stream is
 * not ACTIVE, and no more changes per rolling 24 hours than the budget (the last one kept for a
 * scale-out).
 *
 * <p>Pure: no clock, no threads, no AWS calls and no state between calls. The caller measures,
 * keeps the recent history, passes it in as a {@link ScalingInput} and acts on the {@link
 * ScalingDecision}, so the same input always gives the same decision.
 *
 * <p>Order of checks: stream mode and status, another owner, a missing or stale measurement, the
 * configured bounds, one hot shard, then the load (sustained over or under the band, sized for the
 * middle of it), and only for a wanted change the cool-down and the budget, so a HOLD names what
 * really holds it back.
 *
 * <p>Dry-run does not change the decision: the caller logs and publishes it, skips the call and
 * records no change, so the same decision comes back on the next round.
 */
public final class ScalingDecisionEngine {

  /**
   * Older newest samples mean the measuring has stopped (CloudWatch unreachable, the tasks
   * stopped): no decision rests on them. CloudWatch's one-minute metrics arrive within a few
   * minutes, well inside this.
   */
  public static final Duration MAX_SAMPLE_AGE = Duration.ofMinutes(10);

  private final ScalingPolicy policy;

  /** An engine that decides by {@code policy}. */
  public ScalingDecisionEngine(ScalingPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The policy this engine decides by. */
  public ScalingPolicy policy() {
    return policy;
  }

  /** The decision for {@code input}. */
  public ScalingDecision decide(ScalingInput input) {
    int current = input.latest().map(StreamLoadSample::openShards).orElse(0);
    double utilization = input.latest().map(StreamLoadSample::utilization).orElse(0.0);
    int changesLeft = Math.max(0, policy.dailyChangeBudget() - input.changesInBudgetWindow());
    Proposal proposal = notNow(input).orElseGet(() -> forLoad(input, current));
    if (proposal.action() != Action.HOLD) {
      proposal = withinLimits(proposal, input, changesLeft);
    }
    int target = proposal.action() == Action.HOLD ? current : proposal.target();
    return new ScalingDecision(
        proposal.action(),
        current,
        target,
        proposal.reason(),
        proposal.message(),
        utilization,
        changesLeft);
  }

  /** Reasons not to look at the load at all: the stream's mode or status, its owner, no data. */
  private static Optional<Proposal> notNow(ScalingInput input) {
    if (input.state() == StreamState.ON_DEMAND) {
      return Optional.of(
          Proposal.hold(
              Reason.ON_DEMAND,
              "the stream is in on-demand mode, where Kinesis sets the capacity itself; nothing"
                  + " to do (switch it to provisioned mode for kinesis.autoscale to act)"));
    }
    if (input.state() == StreamState.UPDATING) {
      return Optional.of(
          Proposal.hold(
              Reason.UPDATING,
              "the stream is not ACTIVE (a shard count change may be under way); Kinesis"
                  + " accepts no change until it is"));
    }
    if (input.otherOwnerHoldsClaim()) {
      return Optional.of(
          Proposal.hold(
              Reason.OTHER_OWNER,
              "another connector holds a fresh claim on this stream and decides its shard"
                  + " count"));
    }
    Optional<StreamLoadSample> latest = input.latest();
    if (latest.isEmpty()) {
      return Optional.of(Proposal.hold(Reason.NO_DATA, "no load measurement yet"));
    }
    if (latest.get().time().plus(MAX_SAMPLE_AGE).isBefore(input.now())) {
      return Optional.of(
          Proposal.hold(
              Reason.NO_DATA,
              "the newest load measurement is from "
                  + latest.get().time()
                  + ", more than "
                  + human(MAX_SAMPLE_AGE)
                  + " ago; no decision on old data"));
    }
    return Optional.empty();
  }

  /** The configured bounds first, then one hot shard, then the load against the band. */
  private Proposal forLoad(ScalingInput input, int current) {
    if (current < policy.minShards()) {
      return new Proposal(
          Action.SCALE_OUT,
          Math.min(policy.minShards(), 2 * current),
          Reason.BELOW_MIN,
          current + " open shards, below the minimum of " + policy.minShards());
    }
    if (current > policy.maxShards()) {
      return new Proposal(
          Action.SCALE_IN,
          Math.max(policy.maxShards(), ShardTargets.half(current)),
          Reason.ABOVE_MAX,
          current + " open shards, above the maximum of " + policy.maxShards());
    }
    Optional<HotShards.HotShard> hot = HotShards.find(input.latest().orElseThrow(), policy);
    if (hot.isPresent()) {
      return hotShard(hot.get());
    }
    return byLoad(input, current);
  }

  private Proposal byLoad(ScalingInput input, int current) {
    List<StreamLoadSample> samples = input.samplesSinceLastChange();
    if (samples.isEmpty()) {
      return Proposal.hold(Reason.NOT_SUSTAINED, "no load measured since the last change yet");
    }
    TrailingRun over = TrailingRun.of(samples, s -> s.utilization() > policy.scaleOutUtilization());
    if (over.lasted(policy.scaleOutAfter())) {
      return scaleOut(current, over);
    }
    TrailingRun under = TrailingRun.of(samples, s -> s.utilization() < policy.scaleInUtilization());
    if (under.lasted(policy.scaleInAfter())) {
      return scaleIn(current, under);
    }
    if (!over.isEmpty()) {
      return notSustained("above the scale-out", policy.scaleOutUtilization(), over, true);
    }
    if (!under.isEmpty()) {
      return notSustained("below the scale-in", policy.scaleInUtilization(), under, false);
    }
    return Proposal.hold(
        Reason.WITHIN_TARGET,
        "utilization "
            + percent(samples.get(samples.size() - 1).utilization())
            + " is within "
            + band());
  }

  private Proposal scaleOut(int current, TrailingRun over) {
    String load = sustained("above", policy.scaleOutUtilization(), over);
    if (current >= policy.maxShards()) {
      return Proposal.hold(
          Reason.AT_MAX, load + ", but the stream is at the maximum of " + policy.maxShards());
    }
    int target =
        ShardTargets.scaleOut(
            current, policy.maxShards(), over.peakDemandInShards(), policy.targetUtilization());
    return new Proposal(
        Action.SCALE_OUT, target, Reason.OVER_TARGET, load + projected(over, target));
  }

  private Proposal scaleIn(int current, TrailingRun under) {
    String load = sustained("below", policy.scaleInUtilization(), under);
    if (current <= policy.minShards()) {
      return Proposal.hold(
          Reason.AT_MIN, load + ", but the stream is at the minimum of " + policy.minShards());
    }
    if (HotShards.anyShardAtLimit(under.samples(), policy)) {
      return Proposal.hold(
          Reason.HOT_SHARD,
          load
              + ", but one shard reached "
              + percent(policy.scaleOutUtilization())
              + " of its capacity; merging would add its neighbour's load to it");
    }
    int target =
        ShardTargets.scaleIn(
            current, policy.minShards(), under.peakDemandInShards(), policy.targetUtilization());
    if (target == current) {
      return Proposal.hold(
          Reason.WITHIN_TARGET,
          load
              + ", but no count Kinesis allows from "
              + current
              + " keeps the peak at or under "
              + percent(policy.targetUtilization()));
    }
    return new Proposal(
        Action.SCALE_IN, target, Reason.UNDER_TARGET, load + projected(under, target));
  }

  private Proposal hotShard(HotShards.HotShard hot) {
    return Proposal.hold(
        Reason.HOT_SHARD,
        "shard "
            + hot.shard().shardId()
            + " runs at "
            + percent(hot.shard().utilization())
            + " of its capacity while the others average "
            + percent(hot.othersUtilization())
            + ": one hot partition key, which adding shards cannot spread (spread the key"
            + " instead, e.g. kinesis.partition.key or kinesis.explicit.hash.key)");
  }

  /** Cool-down and budget, checked only once a change is wanted so a HOLD names its real cause. */
  private Proposal withinLimits(Proposal wanted, ScalingInput input, int changesLeft) {
    String would = "would " + wanted.describe() + " (" + wanted.message() + "), but ";
    Optional<Instant> last = input.lastChange();
    if (last.isPresent() && last.get().plus(policy.coolDown()).isAfter(input.now())) {
      return Proposal.hold(
          Reason.COOL_DOWN,
          would
              + "the last change at "
              + last.get()
              + " is within the cool-down of "
              + human(policy.coolDown()));
    }
    if (changesLeft == 0) {
      return Proposal.hold(
          Reason.BUDGET,
          would
              + "all "
              + policy.dailyChangeBudget()
              + " changes of the budget were made in the last 24 hours");
    }
    if (changesLeft == 1 && wanted.action() == Action.SCALE_IN) {
      return Proposal.hold(
          Reason.BUDGET,
          would + "the last change the 24-hour budget allows is kept for a scale-out");
    }
    return wanted;
  }

  private Proposal notSustained(String side, double share, TrailingRun run, boolean out) {
    Duration needed = out ? policy.scaleOutAfter() : policy.scaleInAfter();
    return Proposal.hold(
        Reason.NOT_SUSTAINED,
        "utilization "
            + side
            + " share of "
            + percent(share)
            + " for "
            + human(run.observedFor())
            + " of the "
            + human(needed)
            + " it must last");
  }

  private static String sustained(String side, double share, TrailingRun run) {
    return "utilization "
        + side
        + " "
        + percent(share)
        + " for "
        + human(run.observedFor())
        + ", peak demand "
        + String.format(Locale.ROOT, "%.2f", run.peakDemandInShards())
        + " shards";
  }

  private static String projected(TrailingRun run, int target) {
    return "; at the peak "
        + target
        + " shards run at "
        + percent(run.peakDemandInShards() / target);
  }

  private String band() {
    return "the band of "
        + percent(policy.scaleInUtilization())
        + " to "
        + percent(policy.scaleOutUtilization());
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /** A decision before the current shard count, utilisation and budget are attached. */
  private record Proposal(Action action, int target, Reason reason, String message) {

    static Proposal hold(Reason reason, String message) {
      return new Proposal(Action.HOLD, 0, reason, message);
    }

    String describe() {
      return (action == Action.SCALE_OUT ? "scale out" : "scale in") + " to " + target + " shards";
    }
  }
}
