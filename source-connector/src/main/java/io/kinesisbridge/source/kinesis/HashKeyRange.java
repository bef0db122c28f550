package io.kinesisbridge.source.kinesis;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The part of the 128-bit hash key space a shard owns, as ListShards reports it: Kinesis puts a
 * record on the shard whose range holds the record's hash key.
 *
 * @param start the first hash key of the shard
 * @param end the last hash key of the shard (inclusive)
 */
public record HashKeyRange(BigInteger start, BigInteger end) {

  /** Checks that the range is not empty. */
  public HashKeyRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.signum() < 0 || end.compareTo(start) < 0) {
      throw new IllegalArgumentException("not a hash key range: " + start + ".." + end);
    }
  }

  /** The range of ListShards' decimal strings. */
  public static HashKeyRange of(String start, String end) {
    return new HashKeyRange(new BigInteger(start), new BigInteger(end));
  }

  /** Whether {@code hashKey} falls in this range. */
  public boolean contains(BigInteger hashKey) {
    return hashKey.compareTo(start) >= 0 && hashKey.compareTo(end) <= 0;
  }
}
