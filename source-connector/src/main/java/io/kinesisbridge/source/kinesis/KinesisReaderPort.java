package io.kinesisbridge.source.kinesis;

import java.util.List;

/**
 * The few Kinesis calls the source makes, as a seam: production uses {@link SdkKinesisReader}, unit
 * tests a hand-written fake that can throttle and expire iterators on demand. Streams are named
 * here; the SDK reader calls Kinesis by ARN for streams configured by ARN (see {@link StreamRefs}).
 */
public interface KinesisReaderPort extends AutoCloseable {

  /**
   * Every shard of the stream named {@code stream} within retention, following ListShards
   * pagination.
   */
  List<ShardInfo> listShards(String stream);

  /** A shard iterator for {@code shard} starting at {@code position}. */
  String shardIterator(ShardKey shard, StartPosition position);

  /**
   * Reads the next records of {@code shard} (the stream is named so that a stream given by ARN is
   * read with its ARN, which cross-account access requires).
   *
   * @throws ReadThrottledException when the shard's read budget is used up
   * @throws IteratorExpiredException when the iterator is older than five minutes
   */
  RecordBatch getRecords(ShardKey shard, String iterator, int limit);

  /** Releases the client. */
  @Override
  void close();
}
