package io.kinesisbridge.source.kinesis;

import java.util.List;

/**
 * The result of one GetRecords call.
 *
 * @param records the records in shard order
 * @param nextIterator the iterator for the next call; null once a closed shard is read to its end
 * @param millisBehindLatest how far the iterator is behind the tip of the shard
 */
public record RecordBatch(
    List<KinesisRecordData> records, String nextIterator, long millisBehindLatest) {

  /** Whether the shard is closed and fully read. */
  public boolean shardEnded() {
    return nextIterator == null;
  }
}
