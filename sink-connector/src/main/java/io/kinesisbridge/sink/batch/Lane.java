package io.kinesisbridge.sink.batch;

import io.kinesisbridge.common.sink.Submission;
import org.apache.kafka.common.TopicPartition;

/**
 * The ordering and packing group of a record within its stream: with per-key ordering, the key's
 * slot ({@link Submission#keySlot}), or the shard when aggregating (an aggregate packs one shard's
 * records); with per-partition ordering, a Kafka partition's records to one shard; with ordering
 * off, the shard.
 *
 * @param partition the Kafka partition, or null when it does not matter
 * @param shardId the target shard at submit time, or null when it does not matter
 * @param keySlot the key slot, or {@link Submission#NO_SLOT} when it does not matter
 */
public record Lane(TopicPartition partition, String shardId, int keySlot) {}
