package io.kinesisbridge.sink.autoscale;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The newest unbroken run of samples that meet a condition: how long the condition has been
 * observed to hold, and the busiest moment of the run to size a new shard count for.
 *
 * @param samples the run, oldest first; empty when the newest sample misses the condition
 */
record TrailingRun(List<StreamLoadSample> samples) {

  /** The run at the end of {@code samples} (oldest first) whose members meet {@code condition}. */
  static TrailingRun of(List<StreamLoadSample> samples, Predicate<StreamLoadSample> condition) {
    int start = samples.size();
    while (start > 0 && condition.test(samples.get(start - 1))) {
      start--;
    }
    return new TrailingRun(List.copyOf(samples.subList(start, samples.size())));
  }

  boolean isEmpty() {
    return samples.isEmpty();
  }

  /**
   * From the first sample's time to the last's. One sample period shorter than the condition may
   * really have held, which errs on the side of waiting.
   */
  Duration observedFor() {
    return isEmpty()
        ? Duration.ZERO
        : Duration.between(samples.get(0).time(), samples.get(samples.size() - 1).time());
  }

  /** Whether the condition held for at least {@code window}. */
  boolean lasted(Duration window) {
    return !isEmpty() && observedFor().compareTo(window) >= 0;
  }

  /**
   * The highest demand of the run, in shards. Sizing for the peak rather than the mean errs towards
   * capacity on the way out and towards staying put on the way in.
   */
  double peakDemandInShards() {
    return samples.stream().mapToDouble(StreamLoadSample::demandInShards).max().orElse(0);
  }
}
