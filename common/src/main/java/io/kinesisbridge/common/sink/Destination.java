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

  Destination(String name, AimdRateLimiter limiter) {
    this.name = name;
    this.limiter = limiter;
  }

  void recomputeOldestReady() {
    long oldest = Long.MAX_VALUE;
    for (Lane<R> lane : ready) {
      oldest = Math.min(oldest, lane.queue.peekFirst().submitNanos);
    }
    oldestReadyNanos = oldest;
  }
}
