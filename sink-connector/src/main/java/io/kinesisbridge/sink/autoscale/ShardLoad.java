package io.kinesisbridge.sink.autoscale;

/**
 * The write load on one open shard, as the sink's own per-shard counters (or CloudWatch's
 * shard-level metrics) see it. Used only to tell one hot shard from a stream that is busy all over.
 *
 * @param shardId the shard, for messages
 * @param bytesPerSecond bytes accepted per second
 * @param recordsPerSecond records accepted per second
 * @param throttledPerSecond entries throttled per second on this shard
 */
public record ShardLoad(
    String shardId, double bytesPerSecond, double recordsPerSecond, double throttledPerSecond) {

  /** Rejects negative rates, which no counter can produce. */
  public ShardLoad {
    StreamLoadSample.requireRate("bytesPerSecond", bytesPerSecond);
    StreamLoadSample.requireRate("recordsPerSecond", recordsPerSecond);
    StreamLoadSample.requireRate("throttledPerSecond", throttledPerSecond);
  }

  /** Demand as a share of this shard's capacity; above 1 when the shard throttles. */
  public double utilization() {
    return WriteCapacity.demandInShards(bytesPerSecond, recordsPerSecond, throttledPerSecond);
  }
}
