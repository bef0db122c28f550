package io.kinesisbridge.common.sink;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Which offsets a sink task may commit: per partition, records are tracked in submit order
 * (increasing offsets, gaps allowed) and acknowledged in any order.
 *
 * <p>{@link #committable()} follows Connect's {@code preCommit} contract: the offset of the next
 * record to consume, that is the lowest unacknowledged offset, or the last tracked offset + 1 once
 * all are acknowledged. A partition appears only after its first tracked record was acknowledged
 * (or skipped): before that there is nothing new to commit, and offering the first tracked offset
 * would only repeat what the consumer already started from. Offsets reported once stay reported,
 * unchanged or higher, until the partition is {@linkplain #forget forgotten}.
 *
 * <p>Not thread-safe; {@link DeliveryPipeline} guards it with its lock. Memory: about 9 bytes per
 * record between the lowest unacknowledged offset and the last tracked one.
 */
public final class OffsetTracker {

  /**
   * Heap per tracked record, near enough: a long offset and a flag byte in the partition's ring,
   * kept from the lowest unacknowledged offset on, acknowledged records included.
   */
  public static final int BYTES_PER_TRACKED_RECORD = 9;

  /** The ticket {@link #track} returns for a record it does not track. */
  public static final long UNTRACKED = PartitionLog.UNTRACKED;

  private final Map<TopicPartition, PartitionLog> logs = new HashMap<>();
  private long ticketFloor;

  /**
   * Tracks a submitted record and returns the ticket to {@link #acknowledge} it with.
   *
   * <p>An offset not above the partition's last tracked offset (Connect redelivering records) is
   * not tracked: the ticket is {@link #UNTRACKED} and the earlier record of that offset keeps
   * deciding the committable offset, which is the safe choice for at-least-once delivery.
   */
  public long track(TopicPartition partition, long offset) {
    return log(partition).track(offset);
  }

  /**
   * Acknowledges the record of {@code ticket}. Unknown, repeated and {@link #UNTRACKED} tickets,
   * and tickets from before the partition was forgotten, are ignored.
   */
  public void acknowledge(TopicPartition partition, long ticket) {
    PartitionLog log = logs.get(partition);
    if (log != null) {
      log.acknowledge(ticket);
    }
  }

  /** Tracks and acknowledges a record the task handled without sending (null value, DLQ). */
  public void skip(TopicPartition partition, long offset) {
    log(partition).skip(offset);
  }

  /** The offsets to commit, per partition with progress; a new map each call. */
  public Map<TopicPartition, Long> committable() {
    Map<TopicPartition, Long> result = new HashMap<>();
    for (PartitionLog log : logs.values()) {
      long offset = log.committable();
      if (offset >= 0) {
        result.put(log.topicPartition(), offset);
      }
    }
    return result;
  }

  /**
   * Drops revoked partitions: their offsets are no longer reported, and acknowledgements of their
   * records still in flight are ignored, even if the partition is assigned again later.
   */
  public void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      PartitionLog log = logs.remove(partition);
      if (log != null) {
        log.detach();
        ticketFloor = Math.max(ticketFloor, log.nextTicket());
      }
    }
  }

  /** Records tracked and not yet covered by a committable offset, over all partitions. */
  public long trackedRecords() {
    long total = 0;
    for (PartitionLog log : logs.values()) {
      total += log.size();
    }
    return total;
  }

  /** The log of {@code partition}, created on first use. */
  PartitionLog log(TopicPartition partition) {
    PartitionLog log = logs.get(partition);
    if (log == null) {
      log = new PartitionLog(partition, ticketFloor);
      logs.put(partition, log);
    }
    return log;
  }

  /**
   * The submitted, not yet committable offsets of one partition: a ring of offsets in submit order
   * with an acknowledged flag each, addressed by ticket so acknowledging is O(1). The ring holds
   * only the records from the lowest unacknowledged one on; the acknowledged prefix is dropped as
   * it forms.
   */
  static final class PartitionLog {

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
     * Tracks a submitted record. Returns its ticket, or {@link #UNTRACKED} when {@code offset} is
     * not above the last tracked one (a redelivery): the earlier record of that offset keeps
     * governing the committable offset, and this one's acknowledgement is ignored.
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
}
