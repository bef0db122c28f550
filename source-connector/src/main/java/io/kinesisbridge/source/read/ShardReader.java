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

  /** The task's gauges by metric name. */
  Map<String, Number> gauges();

  /** One meter per shard read, for per-shard metrics; shards adopted later are added. */
  List<ShardMeter> meters();

  /** Counters since start. */
  ReadStats stats();

  /** Whether every shard of this task is closed and read to its end. */
  boolean allFinished();

  /** Stops reading; does not close the ports it was given. */
  @Override
  void close();
}
