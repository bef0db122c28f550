package io.kinesisbridge.sink.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one decision is made from. The engine keeps no state between decisions, so the caller
 * hands in the recent history each time.
 *
 * @param now the caller's clock; cool-down and the 24-hour budget are measured to it
 * @param samples recent load measurements, oldest first, covering at least the longer of the two
 *     sustain windows; older ones are harmless
 * @param state the stream's capacity mode and status
 * @param changesInLast24h when each shard count change of the last 24 hours was requested (older
 *     entries are ignored), the scaler's own and, where known, anyone else's
 * @param otherOwnerHoldsClaim whether another connector holds a fresh claim on the stream
 */
public record ScalingInput(
    Instant now,
    List<StreamLoadSample> samples,
    StreamState state,
    List<Instant> changesInLast24h,
    boolean otherOwnerHoldsClaim) {

  /** The window of {@link #changesInLast24h}: Kinesis counts changes per rolling 24 hours. */
  public static final Duration BUDGET_WINDOW = Duration.ofHours(24);

  /** Checks for nulls, sorts the samples by time and copies the lists. */
  public ScalingInput {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(state, "state");
    samples = samples.stream().sorted(Comparator.comparing(StreamLoadSample::time)).toList();
    changesInLast24h = List.copyOf(changesInLast24h);
  }

  /** The newest sample, if any. */
  public Optional<StreamLoadSample> latest() {
    return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
  }

  /** The most recent change, if any. */
  public Optional<Instant> lastChange() {
    return changesInLast24h.stream().max(Comparator.naturalOrder());
  }

  /** Changes within the rolling 24 hours before {@link #now}. */
  public int changesInBudgetWindow() {
    Instant start = now.minus(BUDGET_WINDOW);
    return (int) changesInLast24h.stream().filter(t -> t.isAfter(start)).count();
  }

  /**
   * The samples measured after the last change: older ones describe a shard count the stream no
   * longer has and load that throttling may have shaped.
   */
  public List<StreamLoadSample> samplesSinceLastChange() {
    Optional<Instant> last = lastChange();
    return last.isEmpty()
        ? samples
        : samples.stream().filter(s -> s.time().isAfter(last.get())).toList();
  }
}
