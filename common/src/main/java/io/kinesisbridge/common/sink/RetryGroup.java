package io.kinesisbridge.common.sink;

import java.util.List;

/**
 * The records of one failed entry, waiting for their backoff to end before they go back to the
 * front of their lane.
 */
record RetryGroup<R>(Lane<R> lane, List<Pending<R>> records, long dueNanos) {

  /** The submit order of its first record: ties of {@link #dueNanos} release in this order. */
  long sequence() {
    return records.get(0).sequence;
  }
}
