package io.kinesisbridge.sink.autoscale;

import java.util.Objects;

/**
 * What the engine decided, why, and the numbers to log and publish as metrics.
 *
 * @param action change the shard count or not
 * @param currentShards open shards in the newest sample (0 when there is none)
 * @param targetShards the shard count to ask UpdateShardCount for; {@code currentShards} on HOLD
 * @param reason why, as a value for metrics and tests
 * @param message why, in plain words for the log
 * @param utilization the newest sample's demand as a share of the stream's capacity (0 when none)
 * @param changesLeftToday changes the daily budget still allows in the rolling 24 hours
 */
public record ScalingDecision(
    Action action,
    int currentShards,
    int targetShards,
    Reason reason,
    String message,
    double utilization,
    int changesLeftToday) {

  /** Checks that HOLD keeps the count and that a change moves it the way its action says. */
  public ScalingDecision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    boolean consistent =
        switch (action) {
          case HOLD -> targetShards == currentShards;
          case SCALE_OUT -> targetShards > currentShards;
          case SCALE_IN -> targetShards < currentShards && targetShards >= 1;
        };
    if (!consistent) {
      throw new IllegalArgumentException(
          action + " from " + currentShards + " to " + targetShards + " shards");
    }
  }

  /** Whether the caller should call UpdateShardCount (unless in dry-run). */
  public boolean changesShardCount() {
    return action != Action.HOLD;
  }

  /** The direction of a decision. */
  public enum Action {
    SCALE_OUT,
    SCALE_IN,
    HOLD
  }

  /** Why the engine decided what it did. */
  public enum Reason {
    /** SCALE_OUT: utilisation stayed above the scale-out share for the sustain window. */
    OVER_TARGET,
    /** SCALE_IN: utilisation stayed below the scale-in share for the sustain window. */
    UNDER_TARGET,
    /** SCALE_OUT: the stream has fewer shards than the configured minimum. */
    BELOW_MIN,
    /** SCALE_IN: the stream has more shards than the configured maximum. */
    ABOVE_MAX,
    /** HOLD: utilisation is inside the band, or no smaller count would keep it there. */
    WITHIN_TARGET,
    /** HOLD: utilisation is outside the band, but not yet for the whole sustain window. */
    NOT_SUSTAINED,
    /** HOLD: a change is wanted, but the previous one was too recent. */
    COOL_DOWN,
    /** HOLD: a change is wanted, but the daily change budget does not allow it. */
    BUDGET,
    /** HOLD: another connector holds a fresh claim on the stream and decides for it. */
    OTHER_OWNER,
    /** HOLD: the stream is not ACTIVE, so Kinesis would reject a change. */
    UPDATING,
    /** HOLD: the stream is on-demand, Kinesis scales it. */
    ON_DEMAND,
    /** HOLD: one shard is at its limit while the others idle; uniform scaling cannot help. */
    HOT_SHARD,
    /** HOLD: more capacity is wanted, but the stream is at the configured maximum. */
    AT_MAX,
    /** HOLD: less capacity would do, but the stream is at the configured minimum. */
    AT_MIN,
    /** HOLD: no load measurement yet. */
    NO_DATA
  }
}
