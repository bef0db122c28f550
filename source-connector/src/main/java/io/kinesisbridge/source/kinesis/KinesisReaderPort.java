package io.kinesisbridge.source.kinesis;

import java.util.List;

/**
 * The few Kinesis calls the source makes, as a seam: production uses {@link SdkKinesisReader}, unit
 * tests a hand-written fake that can throttle and expire iterators on demand.
 */
public interface KinesisReaderPort extends AutoCloseable {

  /** Every shard of {@code stream} within retention, following ListShards pagination. */
  List<ShardInfo> listShards(String stream);

  /** A shard iterator for {@code shard} starting at {@code position}. */
  String shardIterator(ShardKey shard, StartPosition position);

  /**
   * Reads the next records.
   *
   * @throws ReadThrottledException when the shard's read budget is used up
   * @throws IteratorExpiredException when the iterator is older than five minutes
   */
  RecordBatch getRecords(String iterator, int limit);

  /** Releases the client. */
  @Override
  void close();
}
