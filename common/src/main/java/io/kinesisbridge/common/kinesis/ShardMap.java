package io.kinesisbridge.common.kinesis;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The open shards of a stream ordered by hash range, to find the shard a hash key maps to. Kinesis
 * routes a record by MD5(partition key) or its explicit hash key; grouping records by the shard
 * computed here is what keeps KPL aggregates readable (the KCL drops an aggregate holding a record
 * outside the shard it landed on).
 */
public final class ShardMap {

  private final List<ShardRange> shards;
  private final BigInteger[] starts;

  private ShardMap(List<ShardRange> shards) {
    this.shards = shards;
    this.starts = shards.stream().map(ShardRange::startingHashKey).toArray(BigInteger[]::new);
  }

  /**
   * A map of {@code openShards}.
   *
   * @throws IllegalArgumentException when there is no shard or ranges overlap
   */
  public static ShardMap of(List<ShardRange> openShards) {
    if (openShards.isEmpty()) {
      throw new IllegalArgumentException("a stream has at least one open shard; got none");
    }
    List<ShardRange> sorted = new ArrayList<>(openShards);
    sorted.sort(Comparator.comparing(ShardRange::startingHashKey));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).startingHashKey().compareTo(sorted.get(i - 1).endingHashKey()) <= 0) {
        throw new IllegalArgumentException(
            "shards "
                + sorted.get(i - 1).shardId()
                + " and "
                + sorted.get(i).shardId()
                + " overlap");
      }
    }
    return new ShardMap(List.copyOf(sorted));
  }

  /** The shard owning {@code hashKey}; empty only if the map does not cover it (a gap). */
  public Optional<ShardRange> shardFor(BigInteger hashKey) {
    int index = java.util.Arrays.binarySearch(starts, hashKey);
    int candidate = index >= 0 ? index : -index - 2;
    if (candidate < 0) {
      return Optional.empty();
    }
    ShardRange shard = shards.get(candidate);
    return shard.contains(hashKey) ? Optional.of(shard) : Optional.empty();
  }

  /** The open shards by ascending hash range. */
  public List<ShardRange> shards() {
    return shards;
  }

  /** Number of open shards. */
  public int size() {
    return shards.size();
  }
}
