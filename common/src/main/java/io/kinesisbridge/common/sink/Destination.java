package io.kinesisbridge.common.sink;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One stream or delivery stream: its lanes, the lanes with records that may be sent now (in
 * round-robin order), its in-flight count and its rate limiters: one for the stream (whole calls
 * throttled) and one per shard, since AWS throttles each shard on its own. Guarded by the
 * pipeline's lock.
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

  /**
   * Whether the last request built left lanes behind because their shard's rate limit was spent,
   * and when the first of those shards may send again.
   */
  boolean shardsBlocked;

  long shardsBlockedUntilNanos;

  private final Supplier<AimdRateLimiter> limiters;
  private final Map<Object, AimdRateLimiter> shardLimiters = new HashMap<>();

  /** Per order slot: the lane holding its outstanding records, and how many; made on first use. */
  private Object[] slotHolders;

  private int[] slotRecords;

  Destination(String name, Supplier<AimdRateLimiter> limiters) {
    this.name = name;
    this.limiters = limiters;
    this.limiter = limiters.get();
  }

  /** The rate limiter of {@code shard}, made on first use; {@code null} for no shard. */
  AimdRateLimiter shardLimiter(Object shard) {
    if (shard == null) {
      return null;
    }
    AimdRateLimiter shardLimiter = shardLimiters.get(shard);
    if (shardLimiter == null) {
      shardLimiter = limiters.get();
      shardLimiters.put(shard, shardLimiter);
    }
    return shardLimiter;
  }

  /** The lowest rate of the stream's and its shards' limiters. */
  double lowestRate() {
    double rate = limiter.rate();
    for (AimdRateLimiter shardLimiter : shardLimiters.values()) {
      rate = Math.min(rate, shardLimiter.rate());
    }
    return rate;
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
