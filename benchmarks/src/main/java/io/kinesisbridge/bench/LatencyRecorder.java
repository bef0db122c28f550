package io.kinesisbridge.bench;

import java.util.Arrays;

/** Collects millisecond values from one thread at a time and gives their percentiles. */
final class LatencyRecorder {

  private long[] values = new long[1024];
  private int size;

  synchronized void add(long millis) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = millis;
  }

  synchronized int count() {
    return size;
  }

  /** A sorted copy of the values so far. */
  synchronized Percentiles percentiles() {
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return new Percentiles(sorted);
  }

  /** Nearest-rank percentiles of a sorted sample; -1 when it is empty. */
  record Percentiles(long[] sorted) {

    int count() {
      return sorted.length;
    }

    long at(double percent) {
      if (sorted.length == 0) {
        return -1;
      }
      int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    long max() {
      return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }
  }
}
