package io.kinesisbridge.sink.batch;

import org.apache.kafka.common.TopicPartition;

/**
 * The ordering and packing group of a record: with per-partition ordering a Kafka partition's
 * records to one shard ({@code partition} and {@code shardId} set); with ordering off, the shard
 * (aggregation packs per shard) or the whole stream.
 *
 * @param stream the destination stream
 * @param partition the Kafka partition, or null when ordering is off
 * @param shardId the target shard at submit time, or null when it does not matter
 */
public record Lane(String stream, TopicPartition partition, String shardId) {}
