package io.kinesisbridge.common.connect;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;

/** Small pieces every sink task of the bundle needs in the same shape. */
public final class SinkTasks {

  private static final String TASK_THREAD_PREFIX = "task-thread-";

  private SinkTasks() {}

  /**
   * The answer of {@code preCommit}: the acknowledged offsets of the partitions Connect asked
   * about. A partition absent from {@code acknowledged} is left out, so Connect commits nothing for
   * it; a partition no longer in {@code currentOffsets} (revoked meanwhile) is left out too.
   *
   * @param acknowledged per partition, the offset of the next record to consume such that every
   *     record below it was acknowledged or deliberately skipped
   * @param currentOffsets what Connect passed to {@code preCommit}
   */
  public static Map<TopicPartition, OffsetAndMetadata> committable(
      Map<TopicPartition, Long> acknowledged,
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
    acknowledged.forEach(
        (partition, offset) -> {
          if (currentOffsets.containsKey(partition)) {
            committable.put(partition, new OffsetAndMetadata(offset));
          }
        });
    return committable;
  }

  /**
   * The id of the task running on the calling thread, for metric names. Connect names task threads
   * {@code task-thread-<connector>-<id>} and offers no API for the id; any other thread name is
   * returned whole.
   */
  public static String currentTaskId() {
    return taskIdOf(Thread.currentThread().getName());
  }

  /** The task id in a thread name; see {@link #currentTaskId()}. */
  public static String taskIdOf(String threadName) {
    int dash = threadName.lastIndexOf('-');
    return threadName.startsWith(TASK_THREAD_PREFIX) && dash > 0
        ? threadName.substring(dash + 1)
        : threadName;
  }
}
