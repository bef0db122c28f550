package io.kinesisbridge.source.kinesis;

import java.util.List;

/**
 * A port that also closes the client factory behind it: the factory owns the credentials provider,
 * which must outlive the client and be released after it.
 */
public final class FactoryClosingPort implements KinesisReaderPort {

  private final KinesisReaderPort delegate;
  private final Runnable closeFactory;

  /** Wraps {@code delegate}; {@link #close()} closes it, then runs {@code closeFactory}. */
  public FactoryClosingPort(KinesisReaderPort delegate, Runnable closeFactory) {
    this.delegate = delegate;
    this.closeFactory = closeFactory;
  }

  @Override
  public List<ShardInfo> listShards(String stream) {
    return delegate.listShards(stream);
  }

  @Override
  public String shardIterator(ShardKey shard, StartPosition position) {
    return delegate.shardIterator(shard, position);
  }

  @Override
  public RecordBatch getRecords(ShardKey shard, String iterator, int limit) {
    return delegate.getRecords(shard, iterator, limit);
  }

  @Override
  public void close() {
    delegate.close();
    closeFactory.run();
  }
}
