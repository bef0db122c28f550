package io.kinesisbridge.common.kinesis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An open shard and the hash keys it owns, inclusive at both ends.
 *
 * @param shardId the shard's id, e.g. {@code shardId-000000000001}
 * @param startingHashKey lowest hash key of the shard
 * @param endingHashKey highest hash key of the shard
 */
public record ShardRange(String shardId, BigInteger startingHashKey, BigInteger endingHashKey) {

  public ShardRange {
    Objects.requireNonNull(shardId, "shardId");
    if (startingHashKey.compareTo(endingHashKey) > 0) {
      throw new IllegalArgumentException(
          "shard " + shardId + " starts at " + startingHashKey + " after its end " + endingHashKey);
    }
  }

  /** Whether {@code hashKey} belongs to this shard. */
  public boolean contains(BigInteger hashKey) {
    return startingHashKey.compareTo(hashKey) <= 0 && hashKey.compareTo(endingHashKey) <= 0;
  }

  /** The hash key in the middle of the range: an explicit hash key that surely lands here. */
  public BigInteger midpoint() {
    return startingHashKey.add(endingHashKey).shiftRight(1);
  }
}
