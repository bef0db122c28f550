package io.kinesisbridge.sink.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The recent load samples and shard count changes of one stream, kept only as long as the policy's
 * windows need them, from which each {@link ScalingInput} is built. Owned by the one thread that
 * runs the scaler; not thread-safe.
 */
public final class ScalingHistory {

  private final Duration retention;
  private final Deque<StreamLoadSample> samples = new ArrayDeque<>();
  private final List<Instant> changes = new ArrayList<>();

  /** A history long enough for the sustain windows of {@code policy}. */
  public ScalingHistory(ScalingPolicy policy) {
    Duration longest =
        policy.scaleOutAfter().compareTo(policy.scaleInAfter()) > 0
            ? policy.scaleOutAfter()
            : policy.scaleInAfter();
    // One sample age more, so the oldest sample of a full window is never the one dropped.
    this.retention = longest.plus(ScalingDecisionEngine.MAX_SAMPLE_AGE);
  }

  /** Adds the newest sample and drops those older than the windows need. */
  public void add(StreamLoadSample sample) {
    samples.addLast(sample);
    Instant oldest = sample.time().minus(retention);
    while (samples.peekFirst().time().isBefore(oldest)) {
      samples.removeFirst();
    }
  }

  /**
   * Records a shard count change: one the scaler made (not in dry-run, where nothing changes), or
   * one it noticed someone else make, since Kinesis counts both against the stream's daily limit.
   */
  public void recordChange(Instant at) {
    changes.add(at);
  }

  /** The input for a decision at {@code now}; forgets changes older than the budget window. */
  public ScalingInput input(Instant now, StreamState state, boolean otherOwnerHoldsClaim) {
    Instant windowStart = now.minus(ScalingInput.BUDGET_WINDOW);
    changes.removeIf(t -> !t.isAfter(windowStart));
    return new ScalingInput(now, List.copyOf(samples), state, changes, otherOwnerHoldsClaim);
  }
}
