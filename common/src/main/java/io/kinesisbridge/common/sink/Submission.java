package io.kinesisbridge.common.sink;

import org.apache.kafka.common.TopicPartition;

import java.util.Objects;

/**
 * One record handed to {@link DeliveryPipeline#submitAll}.
 *
 * @param <R> the sink's record
 * @param topicPartition where the record came from, for offset tracking and error messages
 * @param offset its Kafka offset; offsets of one partition must be submitted in increasing order
 *     (gaps are fine)
 * @param destination the stream or delivery stream it goes to; one request only ever carries
 *     entries of one destination
 * @param lane the ordering and packing group within the destination, compared with {@code equals}:
 *     with ordering on, the records of one lane reach the destination in submit order (use the
 *     {@link TopicPartition} for per-partition order); a {@link Packer} only ever packs records of
 *     one lane together (use the shard for KPL aggregation). Keep lanes coarse (partitions, shards,
 *     not partition keys): building a request costs time per ready lane.
 * @param payload the sink's own representation of the record, opaque to the pipeline
 * @param sizeBytes how many bytes the record counts towards the request limit and the buffer bound
 */
public record Submission<R>(
    TopicPartition topicPartition,
    long offset,
    String destination,
    Object lane,
    R payload,
    int sizeBytes) {

  /** Checks the fields. */
  public Submission {
    Objects.requireNonNull(topicPartition, "topicPartition");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(payload, "payload");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
    }
  }
}
