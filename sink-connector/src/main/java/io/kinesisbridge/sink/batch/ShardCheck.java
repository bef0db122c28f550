package io.kinesisbridge.sink.batch;

import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;
import io.kinesisbridge.common.sink.BatchSender.SuccessInspector;

import java.util.function.Consumer;

/**
 * Notices records that landed on a shard other than the one the shard map predicted, which means
 * the stream was resharded. The map is refreshed either way; an aggregate is sent again, because a
 * consumer's KCL drops an aggregate holding records of another shard. A plain record is fine where
 * Kinesis put it.
 */
public final class ShardCheck implements SuccessInspector<KinesisEntry> {

  private final Consumer<String> refreshShardMap;

  /**
   * @param refreshShardMap asks for a new shard map of a stream; must return at once
   */
  public ShardCheck(Consumer<String> refreshShardMap) {
    this.refreshShardMap = refreshShardMap;
  }

  @Override
  public boolean acceptsSuccess(KinesisEntry entry, EntryOutcome outcome) {
    String landed = outcome.shardId();
    if (landed == null
        || entry.expectedShardId() == null
        || landed.equals(entry.expectedShardId())) {
      return true;
    }
    refreshShardMap.accept(entry.stream());
    return !entry.aggregated();
  }
}
