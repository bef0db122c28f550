package io.kinesisbridge.sink.autoscale;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this worker's sink tasks wrote to one stream, per shard, and how many entries Kinesis
 * throttled: the scaler's measure of load when CloudWatch's is not used. One meter per stream per
 * class loader, so the tasks and the connector of one worker share it; tasks on other workers count
 * on their own meters, which this worker does not see.
 */
public final class StreamWriteMeter {

  private static final Map<String, StreamWriteMeter> METERS = new ConcurrentHashMap<>();

  private final Map<String, ShardCounter> shards = new ConcurrentHashMap<>();
  private final LongAdder throttled = new LongAdder();

  private StreamWriteMeter() {}

  /** The meter of {@code stream} (its name), made on first use. */
  public static StreamWriteMeter of(String stream) {
    return METERS.computeIfAbsent(stream, name -> new StreamWriteMeter());
  }

  /** An entry of {@code bytes} (data plus partition key) accepted by {@code shardId}. */
  public void accepted(String shardId, long bytes) {
    ShardCounter shard = shards.computeIfAbsent(shardId, id -> new ShardCounter());
    shard.records.increment();
    shard.bytes.add(bytes);
  }

  /** An entry answered with ProvisionedThroughputExceeded. */
  public void throttled() {
    throttled.increment();
  }

  /** The totals so far; rates come from the difference of two readings. */
  Reading read() {
    Map<String, long[]> perShard = new java.util.HashMap<>();
    shards.forEach((id, c) -> perShard.put(id, new long[] {c.records.sum(), c.bytes.sum()}));
    return new Reading(perShard, throttled.sum());
  }

  /**
   * Totals at one moment: per shard {records, bytes}, and throttled entries.
   *
   * @param shards per shard id, {records, bytes}
   * @param throttled throttled entries
   */
  record Reading(Map<String, long[]> shards, long throttled) {

    /** The shards' rates between {@code earlier} and this reading, {@code seconds} apart. */
    List<ShardLoad> ratesSince(Reading earlier, double seconds) {
      // Shards that took nothing (closed ones among them) are left out: the engine counts a
      // shard missing from the list as idle.
      return shards.entrySet().stream()
          .filter(e -> e.getValue()[0] > earlier.shards.getOrDefault(e.getKey(), new long[2])[0])
          .map(
              e -> {
                long[] before = earlier.shards.getOrDefault(e.getKey(), new long[2]);
                return new ShardLoad(
                    e.getKey(),
                    (e.getValue()[1] - before[1]) / seconds,
                    (e.getValue()[0] - before[0]) / seconds,
                    0);
              })
          .toList();
    }
  }

  private static final class ShardCounter {
    final LongAdder records = new LongAdder();
    final LongAdder bytes = new LongAdder();
  }
}
