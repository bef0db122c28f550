package io.kinesisbridge.common.sink;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One stream or delivery stream: its lanes, the lanes with records that may be sent now (in
 * round-robin order), its in-flight count and its own rate limiter, since AWS throttles each stream
 * on its own. Guarded by the pipeline's lock.
 */
final class Destination<R> {
  final String name;
  final AimdRateLimiter limiter;
  final Map<Object, Lane<R>> lanes = new HashMap<>();
  final ArrayDeque<Lane<R>> ready = new ArrayDeque<>();

  /** Records and bytes queued in the ready lanes. */
  long readyRecords;

  long readyBytes;

  /** The submit time of the oldest record at the head of a ready lane. */
  long oldestReadyNanos = Long.MAX_VALUE;

  int inFlight;

  /** Whether it is in the pipeline's queue of destinations with ready lanes. */
  boolean listed;

  /** Per order slot: the lane holding its outstanding records, and how many; made on first use. */
  private Object[] slotHolders;

  private int[] slotRecords;

  Destination(String name, AimdRateLimiter limiter) {
    this.name = name;
    this.limiter = limiter;
  }

  /** The lane that holds outstanding records of {@code slot}, or {@code null}. */
  @SuppressWarnings("unchecked")
  Lane<R> slotHolder(int slot) {
    return slotHolders == null || slotRecords[slot] == 0 ? null : (Lane<R>) slotHolders[slot];
  }

  /** A record of {@code slot} joined {@code lane}. */
  void holdSlot(int slot, Lane<R> lane) {
    if (slotHolders == null) {
      slotHolders = new Object[Submission.KEY_SLOTS];
      slotRecords = new int[Submission.KEY_SLOTS];
    }
    slotHolders[slot] = lane;
    slotRecords[slot]++;
  }

  /** A record of {@code slot} left the pipeline. */
  void releaseSlot(int slot) {
    if (--slotRecords[slot] == 0) {
      slotHolders[slot] = null;
    }
  }

  void recomputeOldestReady() {
    long oldest = Long.MAX_VALUE;
    for (Lane<R> lane : ready) {
      oldest = Math.min(oldest, lane.queue.peekFirst().submitNanos);
    }
    oldestReadyNanos = oldest;
  }
}
