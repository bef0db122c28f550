package io.kinesisbridge.testkit.stub;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the stub holds each answer: a fixed delay plus a uniformly random jitter, standing in
 * for the network and service time a real region adds to every call (the sink's throughput with
 * ordering on is bound by it, which an answer at once would hide).
 *
 * @param fixed the delay every answer gets
 * @param jitter the largest extra delay; each answer draws uniformly from 0 to this
 */
public record RoundTrip(Duration fixed, Duration jitter) {

  /** Answers at once. */
  public static final RoundTrip NONE = new RoundTrip(Duration.ZERO, Duration.ZERO);

  /** Checks that neither part is negative. */
  public RoundTrip {
    if (fixed.isNegative() || jitter.isNegative()) {
      throw new IllegalArgumentException(
          "round trip delay and jitter must not be negative: " + fixed + ", " + jitter);
    }
  }

  /** A round trip of {@code fixedMillis} plus up to {@code jitterMillis}. */
  public static RoundTrip ofMillis(long fixedMillis, long jitterMillis) {
    return new RoundTrip(Duration.ofMillis(fixedMillis), Duration.ofMillis(jitterMillis));
  }

  /** Whether answers leave at once. */
  public boolean isNone() {
    return fixed.isZero() && jitter.isZero();
  }

  /** The delay of the next answer, in nanoseconds. */
  long nextDelayNanos() {
    long extra = jitter.toNanos();
    return fixed.toNanos() + (extra == 0 ? 0 : ThreadLocalRandom.current().nextLong(extra + 1));
  }
}
