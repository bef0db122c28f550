package io.kinesisbridge.common.sink;

import org.apache.kafka.common.TopicPartition;

/**
 * The submitted, not yet committable offsets of one partition: a ring of offsets in submit order
 * with an acknowledged flag each, addressed by ticket so acknowledging is O(1). The ring holds only
 * the records from the lowest unacknowledged one on; the acknowledged prefix is dropped as it
 * forms.
 */
final class PartitionLog {

  /** The ticket of a record whose offset is not tracked (not above the last tracked offset). */
  static final long UNTRACKED = -1;

  private static final int INITIAL_CAPACITY = 16;
  private static final int SHRINK_ABOVE = 4096;

  private final TopicPartition topicPartition;
  private long[] offsets = new long[INITIAL_CAPACITY];
  private boolean[] acknowledged = new boolean[INITIAL_CAPACITY];
  private long head;
  private long next;
  private long lastOffset = -1;
  private boolean progressed;
  private boolean detached;

  /**
   * @param firstTicket tickets start here, above every ticket of an earlier log of the same
   *     partition, so a late acknowledgement for a forgotten log can never hit this one
   */
  PartitionLog(TopicPartition topicPartition, long firstTicket) {
    this.topicPartition = topicPartition;
    this.head = firstTicket;
    this.next = firstTicket;
  }

  TopicPartition topicPartition() {
    return topicPartition;
  }

  /**
   * Tracks a submitted record. Returns its ticket, or {@link #UNTRACKED} when {@code offset} is not
   * above the last tracked one (a redelivery): the earlier record of that offset keeps governing
   * the committable offset, and this one's acknowledgement is ignored.
   */
  long track(long offset) {
    if (detached || offset <= lastOffset) {
      return UNTRACKED;
    }
    if (next - head == offsets.length) {
      resize(offsets.length * 2);
    }
    int index = index(next);
    offsets[index] = offset;
    acknowledged[index] = false;
    lastOffset = offset;
    return next++;
  }

  /** Tracks and acknowledges at once: a record the task handled without sending. */
  void skip(long offset) {
    if (detached || offset <= lastOffset) {
      return;
    }
    if (head == next) {
      // Nothing unacknowledged below it: no slot needed.
      lastOffset = offset;
      progressed = true;
      return;
    }
    acknowledge(track(offset));
  }

  /** Marks the record of {@code ticket} acknowledged; unknown or repeated tickets are ignored. */
  void acknowledge(long ticket) {
    if (detached || ticket < head || ticket >= next) {
      return;
    }
    int index = index(ticket);
    if (acknowledged[index]) {
      return;
    }
    acknowledged[index] = true;
    if (ticket == head) {
      advance();
    }
  }

  /**
   * The offset of the next record to consume such that every tracked record below it is
   * acknowledged, or -1 while nothing has been acknowledged from the first tracked record on.
   */
  long committable() {
    if (!progressed) {
      return -1;
    }
    return head == next ? lastOffset + 1 : offsets[index(head)];
  }

  /** Records tracked and not yet passed by the committable offset. */
  long size() {
    return next - head;
  }

  /** The ticket the next tracked record would get. */
  long nextTicket() {
    return next;
  }

  /** Stops the log: later calls change nothing (the partition was revoked). */
  void detach() {
    detached = true;
  }

  boolean isDetached() {
    return detached;
  }

  private void advance() {
    while (head < next && acknowledged[index(head)]) {
      head++;
    }
    progressed = true;
    if (head == next && offsets.length > SHRINK_ABOVE) {
      // A burst grew the ring; do not hold on to it once it drained.
      resize(INITIAL_CAPACITY);
    }
  }

  private void resize(int capacity) {
    long[] newOffsets = new long[capacity];
    boolean[] newAcknowledged = new boolean[capacity];
    int newMask = capacity - 1;
    for (long ticket = head; ticket < next; ticket++) {
      int from = index(ticket);
      int to = (int) (ticket & newMask);
      newOffsets[to] = offsets[from];
      newAcknowledged[to] = acknowledged[from];
    }
    offsets = newOffsets;
    acknowledged = newAcknowledged;
  }

  private int index(long ticket) {
    return (int) (ticket & (offsets.length - 1));
  }
}
