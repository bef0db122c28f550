package io.kinesisbridge.common.connect;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a record's original coordinates ({@code originalTopic()} and friends, Kafka 3.6+, KIP-793).
 * On a worker whose SinkRecord lacks them, it falls back to the record's own coordinates for good
 * after one INFO line: such workers also had no way for an SMT to keep the original partition, so
 * the record's coordinates are the only ones there are.
 */
final class OriginLookup {

  private static final Logger LOG = LoggerFactory.getLogger(OriginLookup.class);

  private volatile boolean originalsMissing;

  RecordOrigin originOf(SinkRecord record) {
    if (!originalsMissing) {
      try {
        return new RecordOrigin(
            new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
            record.originalKafkaOffset());
      } catch (NoSuchMethodError oldWorker) {
        originalsMissing = true;
        LOG.info(
            "This worker's SinkRecord has no originalTopic() (Kafka Connect before 3.6): offsets"
                + " are tracked under the topic after SMTs, so a topic-renaming SMT would keep"
                + " offsets from being committed");
      }
    }
    return new RecordOrigin(
        new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset());
  }
}
