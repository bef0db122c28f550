package io.kinesisbridge.common.sink;

import java.time.Duration;

/**
 * An additive-increase, multiplicative-decrease budget of entries per second, enforced as a token
 * bucket holding at most one second's worth of entries.
 *
 * <p>Throttling halves the rate (at most once per cooldown, so the many failures of one throttling
 * episode count once) down to a floor; every successful request raises it by a fixed step up to a
 * ceiling. Entries are counted rather than bytes or requests because both Kinesis (1,000 records/s
 * per shard, an aggregated record counting once) and Firehose quotas count wire records.
 *
 * <p>Pure: every method takes the current time, so tests drive it without a clock. Not thread-safe.
 */
public final class AimdRateLimiter {

  private static final double NANOS_PER_SECOND = 1e9;

  private final double minRate;
  private final double maxRate;
  private final double increase;
  private final double decreaseFactor;
  private final long cooldownNanos;
  private double rate;
  private double tokens;
  private long lastRefillNanos;
  private long lastDecreaseNanos;
  private boolean started;
  private boolean decreased;

  private AimdRateLimiter(Builder builder) {
    this.minRate = builder.minRate;
    this.maxRate = builder.maxRate;
    this.increase = builder.increase;
    this.decreaseFactor = builder.decreaseFactor;
    this.cooldownNanos = builder.cooldown.toNanos();
    this.rate = builder.initialRate;
    this.tokens = capacity();
    if (!(minRate > 0 && minRate <= rate && rate <= maxRate)) {
      throw new IllegalArgumentException(
          "rates must satisfy 0 < min <= initial <= max: "
              + minRate
              + ", "
              + rate
              + ", "
              + maxRate);
    }
    if (!(decreaseFactor > 0 && decreaseFactor < 1) || increase < 0 || cooldownNanos < 0) {
      throw new IllegalArgumentException(
          "need a decrease factor in (0, 1), an increase >= 0 and a cooldown >= 0");
    }
  }

  /** A builder with the defaults: 1,000,000 entries/s initial and max, 1 min, +50 per success. */
  public static Builder builder() {
    return new Builder();
  }

  /** The current budget in entries per second. */
  public double rate() {
    return rate;
  }

  /** Whole entries that may be sent now. */
  public long availablePermits(long nowNanos) {
    refill(nowNanos);
    return (long) Math.floor(tokens);
  }

  /** How long until at least one entry may be sent; 0 when one may be sent now. */
  public long nanosUntilAvailable(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / rate * NANOS_PER_SECOND));
  }

  /** Spends {@code permits} entries; call with no more than {@link #availablePermits}. */
  public void consume(long permits, long nowNanos) {
    refill(nowNanos);
    tokens = Math.max(0, tokens - permits);
  }

  /** AWS throttled: cut the rate, unless it was cut within the cooldown. */
  public void onThrottle(long nowNanos) {
    refill(nowNanos);
    if (decreased && nowNanos - lastDecreaseNanos < cooldownNanos) {
      return;
    }
    rate = Math.max(minRate, rate * decreaseFactor);
    tokens = Math.min(tokens, capacity());
    decreased = true;
    lastDecreaseNanos = nowNanos;
  }

  /** A request went through without throttling: raise the rate a step. */
  public void onSuccess(long nowNanos) {
    refill(nowNanos);
    rate = Math.min(maxRate, rate + increase);
  }

  private double capacity() {
    return Math.max(1, rate);
  }

  private void refill(long nowNanos) {
    if (!started) {
      started = true;
      lastRefillNanos = nowNanos;
      return;
    }
    long elapsed = nowNanos - lastRefillNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity(), tokens + elapsed * rate / NANOS_PER_SECOND);
      lastRefillNanos = nowNanos;
    }
  }

  /** Settings of an {@link AimdRateLimiter}. */
  public static final class Builder {
    private double initialRate = 1_000_000;
    private double minRate = 1;
    private double maxRate = 1_000_000;
    private double increase = 50;
    private double decreaseFactor = 0.5;
    private Duration cooldown = Duration.ofMillis(100);

    private Builder() {}

    /** The rate to start at, entries per second. */
    public Builder initialRate(double value) {
      this.initialRate = value;
      return this;
    }

    /** The floor, entries per second; positive, so the pipeline always makes progress. */
    public Builder minRate(double value) {
      this.minRate = value;
      return this;
    }

    /** The ceiling, entries per second. */
    public Builder maxRate(double value) {
      this.maxRate = value;
      return this;
    }

    /** How much every successful request adds, entries per second. */
    public Builder increasePerSuccess(double value) {
      this.increase = value;
      return this;
    }

    /** What throttling multiplies the rate by, in (0, 1). */
    public Builder decreaseFactor(double value) {
      this.decreaseFactor = value;
      return this;
    }

    /** The least time between two decreases. */
    public Builder cooldown(Duration value) {
      this.cooldown = value;
      return this;
    }

    /** The limiter, full of tokens. */
    public AimdRateLimiter build() {
      return new AimdRateLimiter(this);
    }
  }
}
