package io.kinesisbridge.common.sink;

/**
 * The records of one lane that wait to be sent, in order, plus the lane's state. Guarded by the
 * pipeline's lock.
 */
final class Lane<R> {
  final Object key;
  final Destination<R> destination;
  final PendingQueue<R> queue = new PendingQueue<>();
  long queuedBytes;

  /** Records of the lane anywhere in the pipeline: queued, in flight or waiting for a retry. */
  int outstanding;

  /** Whether the lane is in its destination's ready queue. */
  boolean ready;

  /**
   * Ordered mode: an entry of the lane is in flight or waits for its retry, so nothing else of the
   * lane may be sent.
   */
  boolean gated;

  Lane(Object key, Destination<R> destination) {
    this.key = key;
    this.destination = destination;
  }
}
