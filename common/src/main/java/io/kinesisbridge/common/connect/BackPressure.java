package io.kinesisbridge.common.connect;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Keeps a sink task's memory bounded without ever blocking {@code put()}: pauses all assigned
 * partitions while the unacknowledged bytes are above the high watermark, and resumes them once the
 * buffer is down to the low watermark. Connect keeps calling {@code put()} with no records while
 * partitions are paused, and the consumer keeps its group membership, so a call of {@link #apply()}
 * after every {@code put()} is all a task needs. The assignment holds the partitions the consumer
 * reads, before any SMT renamed a topic, which is what pause and resume take. Used by the task
 * thread only.
 */
public final class BackPressure {

  private static final Logger LOG = LoggerFactory.getLogger(BackPressure.class);

  private final SinkTaskContext context;
  private final BooleanSupplier aboveHighWatermark;
  private final BooleanSupplier belowLowWatermark;
  private boolean paused;
  private final Set<TopicPartition> pausedPartitions = new HashSet<>();

  /**
   * @param context the task's context, whose assignment is paused and resumed
   * @param aboveHighWatermark whether the unacknowledged records reached the high watermark
   * @param belowLowWatermark whether they fell to the low watermark
   */
  public BackPressure(
      SinkTaskContext context,
      BooleanSupplier aboveHighWatermark,
      BooleanSupplier belowLowWatermark) {
    this.context = Objects.requireNonNull(context, "context");
    this.aboveHighWatermark = Objects.requireNonNull(aboveHighWatermark, "aboveHighWatermark");
    this.belowLowWatermark = Objects.requireNonNull(belowLowWatermark, "belowLowWatermark");
  }

  /**
   * Pauses or resumes the assigned partitions as the buffer level demands. While paused, it also
   * pauses partitions a rebalance assigned since: Connect re-pauses only the partitions the task
   * paused and still owns, so a new partition would otherwise be read into a full buffer.
   */
  public void apply() {
    if (!paused && aboveHighWatermark.getAsBoolean()) {
      paused = true;
      pausedPartitions.clear();
      pauseNewlyAssigned();
      LOG.debug("Paused partitions: the buffer reached its high watermark");
    } else if (paused && belowLowWatermark.getAsBoolean()) {
      paused = false;
      pausedPartitions.clear();
      context.resume(context.assignment().toArray(TopicPartition[]::new));
      LOG.debug("Resumed partitions");
    } else if (paused) {
      pauseNewlyAssigned();
    }
  }

  private void pauseNewlyAssigned() {
    Set<TopicPartition> assignment = context.assignment();
    pausedPartitions.retainAll(assignment);
    List<TopicPartition> newlyAssigned =
        assignment.stream().filter(tp -> !pausedPartitions.contains(tp)).toList();
    if (!newlyAssigned.isEmpty()) {
      context.pause(newlyAssigned.toArray(TopicPartition[]::new));
      pausedPartitions.addAll(newlyAssigned);
    }
  }

  /** Whether the partitions are paused now. */
  public boolean isPaused() {
    return paused;
  }
}
