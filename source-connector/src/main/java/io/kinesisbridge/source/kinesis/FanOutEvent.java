package io.kinesisbridge.source.kinesis;

import java.util.List;

/**
 * One event of an enhanced fan-out subscription.
 *
 * @param records the records in shard order, possibly none
 * @param continuationSequenceNumber where a new subscription picks up; null once a closed shard is
 *     read to its end
 * @param millisBehindLatest how far the event is behind the tip of the shard
 * @param childShards the shards that took over from a closed shard, in its last event
 */
public record FanOutEvent(
    List<KinesisRecordData> records,
    String continuationSequenceNumber,
    long millisBehindLatest,
    List<ShardInfo> childShards) {

  /** Copies the lists. */
  public FanOutEvent {
    records = List.copyOf(records);
    childShards = List.copyOf(childShards);
  }

  /** Whether this is the last event of a closed shard. */
  public boolean shardEnded() {
    return continuationSequenceNumber == null;
  }
}
