package io.kinesisbridge.testkit.stub;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash key ranges of a stream whose shards split the 128-bit hash key space evenly, as
 * CreateStream does: shard {@code i} starts at {@code i * floor(2^128 / n)} and the last shard ends
 * at {@code 2^128 - 1}.
 *
 * <p>Lookups compare the hash as two unsigned longs instead of building a {@link BigInteger} per
 * record, because the stub routes every record of a benchmark and its CPU time is charged to the
 * process being measured.
 */
final class HashKeyRanges {

  static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(HashKeyRanges::newMd5);

  private final BigInteger[] starts;
  private final BigInteger[] ends;
  private final long[] startHigh;
  private final long[] startLow;

  private HashKeyRanges(BigInteger[] starts, BigInteger[] ends) {
    this.starts = starts;
    this.ends = ends;
    this.startHigh = new long[starts.length];
    this.startLow = new long[starts.length];
    for (int i = 0; i < starts.length; i++) {
      startHigh[i] = starts[i].shiftRight(64).longValue();
      startLow[i] = starts[i].longValue();
    }
  }

  /** {@code shards} ranges of equal width covering the whole hash key space. */
  static HashKeyRanges even(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("a stream needs at least one shard: " + shards);
    }
    BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(shards));
    BigInteger[] starts = new BigInteger[shards];
    BigInteger[] ends = new BigInteger[shards];
    for (int i = 0; i < shards; i++) {
      starts[i] = width.multiply(BigInteger.valueOf(i));
      ends[i] =
          i == shards - 1
              ? MAX_HASH_KEY
              : width.multiply(BigInteger.valueOf(i + 1L)).subtract(BigInteger.ONE);
    }
    return new HashKeyRanges(starts, ends);
  }

  BigInteger start(int shard) {
    return starts[shard];
  }

  BigInteger end(int shard) {
    return ends[shard];
  }

  /** The shard Kinesis routes a record to: by explicit hash key when given, else MD5 of the key. */
  int shardOf(String partitionKey, BigInteger explicitHashKey) {
    if (explicitHashKey != null) {
      return shardOf(explicitHashKey.shiftRight(64).longValue(), explicitHashKey.longValue());
    }
    MessageDigest md5 = MD5.get();
    byte[] digest = md5.digest(partitionKey.getBytes(StandardCharsets.UTF_8));
    return shardOf(longAt(digest, 0), longAt(digest, 8));
  }

  private int shardOf(long high, long low) {
    int lo = 0;
    int hi = starts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (compareUnsigned128(high, low, startHigh[mid], startLow[mid]) >= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static int compareUnsigned128(long aHigh, long aLow, long bHigh, long bLow) {
    int high = Long.compareUnsigned(aHigh, bHigh);
    return high != 0 ? high : Long.compareUnsigned(aLow, bLow);
  }

  private static long longAt(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xFF);
    }
    return value;
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide MD5 (MessageDigest javadoc).
      throw new IllegalStateException("MD5 is not available in this JRE", e);
    }
  }
}
