package io.kinesisbridge.sink.autoscale;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One measurement of the write load on the whole stream (CloudWatch's IncomingBytes,
 * IncomingRecords and WriteProvisionedThroughputExceeded, or the sink's own counters), averaged
 * over the period ending at {@code time}.
 *
 * @param time end of the measured period
 * @param openShards open shards of the stream during the period
 * @param bytesPerSecond bytes accepted per second
 * @param recordsPerSecond records accepted per second
 * @param throttledPerSecond entries throttled per second
 * @param shards per-shard load when known (empty when only stream totals are known); a shard
 *     missing from a non-empty list counts as idle
 */
public record StreamLoadSample(
    Instant time,
    int openShards,
    double bytesPerSecond,
    double recordsPerSecond,
    double throttledPerSecond,
    List<ShardLoad> shards) {

  /** Checks the values and copies the shard list. */
  public StreamLoadSample {
    Objects.requireNonNull(time, "time");
    if (openShards < 1) {
      throw new IllegalArgumentException("openShards must be at least 1, was " + openShards);
    }
    requireRate("bytesPerSecond", bytesPerSecond);
    requireRate("recordsPerSecond", recordsPerSecond);
    requireRate("throttledPerSecond", throttledPerSecond);
    shards = List.copyOf(shards);
  }

  /** A sample with stream totals only, as CloudWatch's stream-level metrics give them. */
  public static StreamLoadSample ofTotals(
      Instant time,
      int openShards,
      double bytesPerSecond,
      double recordsPerSecond,
      double throttledPerSecond) {
    return new StreamLoadSample(
        time, openShards, bytesPerSecond, recordsPerSecond, throttledPerSecond, List.of());
  }

  /** How many shards' worth of capacity the load needs, throttled entries included. */
  public double demandInShards() {
    return WriteCapacity.demandInShards(bytesPerSecond, recordsPerSecond, throttledPerSecond);
  }

  /** Demand as a share of the stream's write capacity; above 1 when the stream throttles. */
  public double utilization() {
    return demandInShards() / openShards;
  }

  /** The shard with the highest utilisation, when per-shard load is known. */
  public Optional<ShardLoad> hottestShard() {
    return shards.stream().max(Comparator.comparingDouble(ShardLoad::utilization));
  }

  static void requireRate(String name, double rate) {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException(name + " must be a finite rate >= 0, was " + rate);
    }
  }
}
