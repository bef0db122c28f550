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
}
