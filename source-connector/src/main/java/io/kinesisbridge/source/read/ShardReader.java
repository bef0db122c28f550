package io.kinesisbridge.source.read;

import org.apache.kafka.connect.source.SourceRecord;

import java.util.List;
import java.util.Map;

/**
 * Reads a task's shards on the task's thread: {@link ShardPoller} with GetRecords, {@link
 * FanOutReader} with enhanced fan-out subscriptions.
 */
public interface ShardReader extends AutoCloseable {

  /**
   * The next records, in shard order per shard; empty after a short wait when none arrived.
   *
   * @throws InterruptedException when the wait is interrupted
   * @throws org.apache.kafka.connect.errors.ConnectException when a shard cannot be read
   */
  List<SourceRecord> poll() throws InterruptedException;

  /**
   * Connect acknowledged {@code record} (Kafka has it; with exactly-once support, its transaction
   * committed). Called on the producer's thread. A child shard is read only once its parents' last
   * records are acknowledged.
   */
  void acknowledged(SourceRecord record);

  /** One meter per shard read, for per-shard metrics; shards adopted later are added. */
  List<ShardMeter> meters();

  /** The task's gauges by metric name: the shards' counters summed. */
  default Map<String, Number> gauges() {
    return ShardMeter.taskGauges(meters());
  }

  /** Counters since start. */
  default ReadStats stats() {
    return ShardMeter.stats(meters());
  }

  /** Whether every shard of this task is closed and read to its end. */
  boolean allFinished();

  /** Stops reading; does not close the ports it was given. */
  @Override
  void close();
}
