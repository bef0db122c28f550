package io.kinesisbridge.common.sink;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: attempt {@code n} waits a uniformly random time between
 * zero and {@code min(max, base * 2^(n-1))}. Jitter spreads the retries of many lanes and tasks, so
 * a throttled shard is not hit by all of them at the same moment.
 */
public final class Backoff {

  private final long baseNanos;
  private final long maxNanos;
  private final RandomGenerator random;

  /**
   * @param base the ceiling of the first retry's delay; positive
   * @param max the ceiling of every delay; at least {@code base}
   * @param random the source of jitter; injectable so tests are repeatable
   */
  public Backoff(Duration base, Duration max, RandomGenerator random) {
    this.baseNanos = positive(base, "base");
    this.maxNanos = positive(max, "max");
    this.random = Objects.requireNonNull(random, "random");
    if (maxNanos < baseNanos) {
      throw new IllegalArgumentException("max " + max + " is below base " + base);
    }
  }

  /** The ceiling of the delay before attempt {@code attempt} (1 = first retry). */
  public long ceilingNanos(int attempt) {
    if (attempt < 1) {
      return 0;
    }
    int shift = attempt - 1;
    // Saturate instead of overflowing: past the cap, the cap is the answer.
    if (shift >= Long.SIZE - 1 || baseNanos > (maxNanos >> shift)) {
      return maxNanos;
    }
    return baseNanos << shift;
  }

  /** A random delay before attempt {@code attempt}: uniform in [0, ceiling]. */
  public long delayNanos(int attempt) {
    long ceiling = ceilingNanos(attempt);
    return ceiling == 0 ? 0 : random.nextLong(ceiling + 1);
  }

  /** {@link #delayNanos} as a {@link Duration}. */
  public Duration delay(int attempt) {
    return Duration.ofNanos(delayNanos(attempt));
  }

  private static long positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value.toNanos();
  }
}
