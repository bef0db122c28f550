package io.kinesisbridge.common.connect;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where Connect's consumer read a sink record: its topic, partition and offset before any SMT.
 *
 * <p>The sinks track and commit offsets under these coordinates, never under {@code
 * record.topic()}: a topic-renaming SMT (RegexRouter, TimestampRouter) changes the topic a record
 * carries, but Connect's consumer commits, pauses and closes the partitions it read, and {@code
 * preCommit} answers for other partitions are dropped. Where a record goes (the {@code ${topic}} in
 * a stream name) still follows {@code record.topic()}, the topic after the SMTs.
 *
 * @param partition the topic-partition the consumer read the record from
 * @param offset the record's offset in that partition
 */
public record RecordOrigin(TopicPartition partition, long offset) {

  private static final OriginLookup LOOKUP = new OriginLookup();

  /** The origin of {@code record}; its own coordinates on workers older than Kafka 3.6. */
  public static RecordOrigin of(SinkRecord record) {
    return LOOKUP.originOf(record);
  }

  /** {@code topic-partition@offset}. */
  @Override
  public String toString() {
    return partition + "@" + offset;
  }
}
