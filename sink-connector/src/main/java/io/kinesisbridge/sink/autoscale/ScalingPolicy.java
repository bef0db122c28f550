package io.kinesisbridge.sink.autoscale;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how far the shard count may change: the bounds, the utilisation band, how long a
 * condition must hold, the cool-down and the daily change budget. Built from the {@code
 * kinesis.autoscale.*} settings by {@link AutoscaleConfig#policy}.
 *
 * @param minShards fewest open shards to scale in to
 * @param maxShards most open shards to scale out to
 * @param scaleOutUtilization scale out when utilisation stays above this share of capacity
 * @param scaleInUtilization scale in when utilisation stays below this share of capacity
 * @param scaleOutAfter how long utilisation must stay above the scale-out share before acting
 * @param scaleInAfter how long utilisation must stay below the scale-in share before acting
 * @param coolDown no change for this long after the previous one
 * @param dryRun decide and report only; the caller changes nothing
 * @param dailyChangeBudget most changes the scaler makes per rolling 24 h (Kinesis allows {@value
 *     #KINESIS_DAILY_CHANGE_LIMIT}); the last one is kept for a scale-out
 */
public record ScalingPolicy(
    int minShards,
    int maxShards,
    double scaleOutUtilization,
    double scaleInUtilization,
    Duration scaleOutAfter,
    Duration scaleInAfter,
    Duration coolDown,
    boolean dryRun,
    int dailyChangeBudget) {

  /** UpdateShardCount calls Kinesis allows per stream per rolling 24 hours. */
  public static final int KINESIS_DAILY_CHANGE_LIMIT = 10;

  /** The largest shard count UpdateShardCount scales a stream to. */
  public static final int KINESIS_MAX_TARGET_SHARDS = 10_000;

  public static final double DEFAULT_SCALE_OUT_UTILIZATION = 0.80;
  public static final double DEFAULT_SCALE_IN_UTILIZATION = 0.30;
  public static final Duration DEFAULT_SCALE_OUT_AFTER = Duration.ofMinutes(5);
  public static final Duration DEFAULT_SCALE_IN_AFTER = Duration.ofMinutes(30);
  public static final Duration DEFAULT_COOL_DOWN = Duration.ofMinutes(15);

  /** Two below Kinesis's limit, so a person can still reshard by hand on a bad day. */
  public static final int DEFAULT_DAILY_CHANGE_BUDGET = 8;

  /** Checks every bound in plain words; {@link AutoscaleConfig} reports the same per key. */
  public ScalingPolicy {
    Objects.requireNonNull(scaleOutAfter, "scaleOutAfter");
    Objects.requireNonNull(scaleInAfter, "scaleInAfter");
    Objects.requireNonNull(coolDown, "coolDown");
    if (minShards < 1) {
      throw new IllegalArgumentException("the minimum shard count must be at least 1");
    }
    if (maxShards < minShards || maxShards > KINESIS_MAX_TARGET_SHARDS) {
      throw new IllegalArgumentException(
          "the maximum shard count must be between the minimum ("
              + minShards
              + ") and "
              + KINESIS_MAX_TARGET_SHARDS);
    }
    if (!(scaleOutUtilization > 0 && scaleOutUtilization <= 1)) {
      throw new IllegalArgumentException("the scale-out utilisation must be above 0 and at most 1");
    }
    if (!(scaleInUtilization > 0 && scaleInUtilization < scaleOutUtilization)) {
      throw new IllegalArgumentException(
          "the scale-in utilisation must be above 0 and below the scale-out utilisation");
    }
    if (scaleOutAfter.isNegative() || scaleInAfter.isNegative() || coolDown.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (dailyChangeBudget < 2 || dailyChangeBudget > KINESIS_DAILY_CHANGE_LIMIT) {
      throw new IllegalArgumentException(
          "the daily change budget must be between 2 and " + KINESIS_DAILY_CHANGE_LIMIT);
    }
  }

  /** A builder with the documented defaults and shard bounds 1 to 1. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The utilisation a new shard count is sized for: the middle of the band, so that after a
   * scale-out the load can grow, and after a scale-in shrink, a good way before the next change.
   */
  public double targetUtilization() {
    return (scaleOutUtilization + scaleInUtilization) / 2;
  }

  /** Builds a {@link ScalingPolicy}, starting from the defaults. */
  public static final class Builder {
    private int minShards = 1;
    private int maxShards = 1;
    private double scaleOutUtilization = DEFAULT_SCALE_OUT_UTILIZATION;
    private double scaleInUtilization = DEFAULT_SCALE_IN_UTILIZATION;
    private Duration scaleOutAfter = DEFAULT_SCALE_OUT_AFTER;
    private Duration scaleInAfter = DEFAULT_SCALE_IN_AFTER;
    private Duration coolDown = DEFAULT_COOL_DOWN;
    private boolean dryRun;
    private int dailyChangeBudget = DEFAULT_DAILY_CHANGE_BUDGET;

    private Builder() {}

    public Builder shards(int min, int max) {
      this.minShards = min;
      this.maxShards = max;
      return this;
    }

    public Builder utilization(double scaleIn, double scaleOut) {
      this.scaleInUtilization = scaleIn;
      this.scaleOutUtilization = scaleOut;
      return this;
    }

    public Builder scaleOutAfter(Duration duration) {
      this.scaleOutAfter = duration;
      return this;
    }

    public Builder scaleInAfter(Duration duration) {
      this.scaleInAfter = duration;
      return this;
    }

    public Builder coolDown(Duration duration) {
      this.coolDown = duration;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder dailyChangeBudget(int changes) {
      this.dailyChangeBudget = changes;
      return this;
    }

    public ScalingPolicy build() {
      return new ScalingPolicy(
          minShards,
          maxShards,
          scaleOutUtilization,
          scaleInUtilization,
          scaleOutAfter,
          scaleInAfter,
          coolDown,
          dryRun,
          dailyChangeBudget);
    }
  }
}
