package io.kinesisbridge.source.read;

import java.util.function.LongSupplier;

/**
 * Milliseconds for the readers' timers (call gaps, backoff, subscription renewal, end checks,
 * rates), never stepping back. The task feeds it {@link System#nanoTime()}, which is monotonic; a
 * source that does step back anyway (a wall clock corrected by NTP, a VM resumed from a snapshot)
 * reads as a pause here and time goes on from where it was, so a timer set before the step is not
 * pushed an hour into the future with nothing in the log. Wall time has no place in the readers:
 * the records' timestamps come from Kinesis.
 */
public final class SteadyClock implements LongSupplier {

  private static final long NANOS_PER_MILLI = 1_000_000;

  private final LongSupplier source;
  private long last;
  private long shift;
  private boolean started;

  private SteadyClock(LongSupplier source) {
    this.source = source;
  }

  /** The monotonic clock of this JVM, in milliseconds. */
  public static SteadyClock system() {
    return new SteadyClock(() -> System.nanoTime() / NANOS_PER_MILLI);
  }

  /** {@code millis}, with any step back turned into a pause; a steady clock stays as it is. */
  public static SteadyClock over(LongSupplier millis) {
    return millis instanceof SteadyClock steady ? steady : new SteadyClock(millis);
  }

  /** Metrics reporters read it on their own threads, hence the lock. */
  @Override
  public synchronized long getAsLong() {
    long raw = source.getAsLong();
    if (started && raw + shift < last) {
      shift = last - raw;
    }
    started = true;
    last = raw + shift;
    return last;
  }
}
