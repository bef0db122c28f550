package io.kinesisbridge.common.connect;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.Collection;
import java.util.Map;

/**
 * What a {@link SinkSession} needs of a sink's writer: it takes records without waiting, answers
 * with acknowledged offsets and reports how full its buffer is.
 */
public interface SinkWriter extends BufferGauge, AutoCloseable {

  /** Takes {@code records} for delivery; never waits for the service. */
  void write(Collection<SinkRecord> records);

  /**
   * The next offset to commit per partition, counting only acknowledged records; keyed by the
   * partition each record was read from ({@link RecordOrigin}), which is what Connect commits.
   */
  Map<TopicPartition, Long> committableOffsets();

  /** Drops what is held for partitions the task no longer owns (as read, before SMTs). */
  void forget(Collection<TopicPartition> partitions);

  /** Rethrows a fatal delivery failure so the task stops with its reason. */
  void throwIfFailed();

  /** The task's gauges by metric name; read from metric reporter threads. */
  Map<String, Number> gauges();

  /** Stops delivery and releases the client; throws nothing checked. */
  @Override
  void close();
}
