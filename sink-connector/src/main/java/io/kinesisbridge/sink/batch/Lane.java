package io.kinesisbridge.sink.batch;

import org.apache.kafka.common.TopicPartition;

import java.math.BigInteger;

/**
 * The ordering and packing group of a record within its stream: with per-key ordering, the key's
 * 128-bit hash key (one lane per key, so keys never wait for each other), or the shard when
 * aggregating (an aggregate packs one shard's records); with per-partition ordering, a Kafka
 * partition's records to one shard; with ordering off, the shard.
 *
 * @param partition the Kafka partition, or null when it does not matter
 * @param shardId the target shard at submit time, or null when it does not matter
 * @param hashKey the record's hash key, or null when it does not matter
 */
public record Lane(TopicPartition partition, String shardId, BigInteger hashKey) {}
