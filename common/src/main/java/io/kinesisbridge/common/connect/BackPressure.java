package io.kinesisbridge.common.connect;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

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
  private final BufferGauge buffer;
  private boolean paused;

  /**
   * @param context the task's context, whose assignment is paused and resumed
   * @param buffer the task's buffer of unacknowledged records
   */
  public BackPressure(SinkTaskContext context, BufferGauge buffer) {
    this.context = Objects.requireNonNull(context, "context");
    this.buffer = Objects.requireNonNull(buffer, "buffer");
  }

  /** Pauses or resumes the assigned partitions as the buffer level demands. */
  public void apply() {
    if (!paused && buffer.isAboveHighWatermark()) {
      paused = true;
      context.pause(context.assignment().toArray(TopicPartition[]::new));
      LOG.debug("Paused partitions: {} bytes unacknowledged", buffer.bufferedBytes());
    } else if (paused && buffer.isBelowLowWatermark()) {
      paused = false;
      context.resume(context.assignment().toArray(TopicPartition[]::new));
      LOG.debug("Resumed partitions");
    }
  }

  /** Whether the partitions are paused now. */
  public boolean isPaused() {
    return paused;
  }
}
