package io.kinesisbridge.common.testing;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Does to a sink record what a topic-renaming SMT (RegexRouter, TimestampRouter) does in a worker:
 * {@link SinkRecord#newRecord} with a new topic, which keeps the original topic, partition and
 * offset the consumer read the record from (Connect 3.6+, KIP-793).
 */
public final class RenamingTransform {

  private final String prefix;

  /** A transform that puts {@code prefix} before every topic name. */
  public RenamingTransform(String prefix) {
    this.prefix = prefix;
  }

  /** The record under its new topic, everything else unchanged. */
  public SinkRecord apply(SinkRecord record) {
    return record.newRecord(
        prefix + record.topic(),
        record.kafkaPartition(),
        record.keySchema(),
        record.key(),
        record.valueSchema(),
        record.value(),
        record.timestamp(),
        record.headers());
  }
}
