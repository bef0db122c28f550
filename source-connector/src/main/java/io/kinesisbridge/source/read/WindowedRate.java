package io.kinesisbridge.source.read;

/**
 * Events per second over the last {@link #WINDOW_SECONDS} whole seconds, in fixed memory: one
 * counter per second in a ring. Written by one thread, read by metric reporters (a slightly stale
 * read only shifts a gauge by one event).
 */
final class WindowedRate {

  static final int WINDOW_SECONDS = 10;

  private final long[] counts = new long[WINDOW_SECONDS];
  private final long[] seconds = new long[WINDOW_SECONDS];

  /** Counts {@code events} at {@code nowMillis}. */
  synchronized void record(long nowMillis, long events) {
    long second = nowMillis / 1000;
    int slot = (int) (second % WINDOW_SECONDS);
    if (seconds[slot] != second) {
      seconds[slot] = second;
      counts[slot] = 0;
    }
    counts[slot] += events;
  }

  /** The mean rate over the whole seconds of the window before {@code nowMillis}'s second. */
  synchronized double perSecond(long nowMillis) {
    long current = nowMillis / 1000;
    long sum = 0;
    for (int i = 0; i < WINDOW_SECONDS; i++) {
      long age = current - seconds[i];
      if (age >= 1 && age <= WINDOW_SECONDS) {
        sum += counts[i];
      }
    }
    return (double) sum / WINDOW_SECONDS;
  }
}
