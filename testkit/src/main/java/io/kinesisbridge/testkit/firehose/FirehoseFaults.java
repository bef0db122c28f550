package io.kinesisbridge.testkit.firehose;

import java.time.Duration;
import java.util.Random;

/**
 * The faults a {@link FirehoseEndpoint} injects into PutRecord and PutRecordBatch, settable at any
 * time while it runs; control-plane calls are never affected.
 *
 * <ul>
 *   <li>{@link #failedEntryShare(double)}: each record of an otherwise valid call fails with {@code
 *       ErrorCode=ServiceUnavailableException}, {@code ErrorMessage="Slow down."} with this
 *       probability, the way Firehose answers a producer over its throughput limits: HTTP 200,
 *       {@code FailedPutCount} > 0. A PutRecord whose record is picked fails whole instead, since
 *       it has no per-entry answer.
 *   <li>{@link #throttledCallShare(double)} and {@link #throttleNextCalls(int)}: whole calls fail
 *       with {@code ServiceUnavailableException} (HTTP 500), which the SDK retries on its own.
 *   <li>{@link #latency(Duration)}: every data-plane call is answered this much later.
 * </ul>
 *
 * <p>Decisions come from one {@link Random} seeded by {@link FirehoseEndpoint.Builder#seed(long)}
 * and drawn in call order, one call at a time, so a test that sends its calls one after another
 * sees the same failures on every run. Concurrent calls draw in whatever order they arrive.
 */
public final class FirehoseFaults {

  private final Random random;
  private volatile double failedEntryShare;
  private volatile double throttledCallShare;
  private volatile Duration latency = Duration.ZERO;
  private int callsToThrottle; // guarded by this

  FirehoseFaults(long seed) {
    this.random = new Random(seed);
  }

  /** Sets the share (0 to 1) of records failed with {@code ServiceUnavailableException}. */
  public FirehoseFaults failedEntryShare(double share) {
    this.failedEntryShare = checkShare(share);
    return this;
  }

  /** Sets the share (0 to 1) of calls failed whole with {@code ServiceUnavailableException}. */
  public FirehoseFaults throttledCallShare(double share) {
    this.throttledCallShare = checkShare(share);
    return this;
  }

  /** Fails the next {@code calls} data-plane calls whole, then lets calls through again. */
  public synchronized FirehoseFaults throttleNextCalls(int calls) {
    if (calls < 0) {
      throw new IllegalArgumentException("calls must not be negative: " + calls);
    }
    this.callsToThrottle = calls;
    return this;
  }

  /** Delays the answer of every data-plane call by {@code delay} (zero for none). */
  public FirehoseFaults latency(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("latency must be zero or positive: " + delay);
    }
    this.latency = delay;
    return this;
  }

  /** Turns every fault off; the random sequence goes on where it was. */
  public synchronized FirehoseFaults reset() {
    failedEntryShare = 0;
    throttledCallShare = 0;
    latency = Duration.ZERO;
    callsToThrottle = 0;
    return this;
  }

  /** The share of records failed now. */
  public double failedEntryShare() {
    return failedEntryShare;
  }

  /** The share of calls throttled now. */
  public double throttledCallShare() {
    return throttledCallShare;
  }

  /** The latency added now. */
  public Duration latency() {
    return latency;
  }

  /**
   * Decides the fate of one call: null when it is throttled whole, otherwise for each of its {@code
   * records} whether it fails. Drawn under one lock, so a call's draws are never interleaved with
   * another's.
   */
  synchronized boolean[] decide(int records) {
    if (callsToThrottle > 0) {
      callsToThrottle--;
      return null;
    }
    double callShare = throttledCallShare;
    if (callShare > 0 && random.nextDouble() < callShare) {
      return null;
    }
    boolean[] failed = new boolean[records];
    double entryShare = failedEntryShare;
    if (entryShare > 0) {
      for (int i = 0; i < records; i++) {
        failed[i] = random.nextDouble() < entryShare;
      }
    }
    return failed;
  }

  private static double checkShare(double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be between 0 and 1: " + share);
    }
    return share;
  }
}
