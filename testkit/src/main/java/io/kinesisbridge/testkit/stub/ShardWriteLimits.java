package io.kinesisbridge.testkit.stub;

import java.util.function.LongSupplier;

/**
 * The write limits of a stream's shards, as Kinesis enforces them: per shard 1,000 records and 1
 * MiB (data plus partition key) per second. Each shard has two token buckets holding one second's
 * allowance and refilled continuously; an entry that finds either bucket short is refused (the
 * caller answers it with {@code ProvisionedThroughputExceededException}) and takes nothing, so a
 * retry later in the same second may pass. Buckets start full, as an idle shard can take a burst.
 * Thread-safe.
 */
final class ShardWriteLimits {

  /** Records per second a shard takes. */
  static final long RECORDS_PER_SECOND = 1_000;

  /** Bytes (data plus partition key) per second a shard takes. */
  static final long BYTES_PER_SECOND = 1024 * 1024;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final Bucket[] buckets;
  private final LongSupplier clock;

  /**
   * @param shards number of shards
   * @param clock nanosecond clock ({@link System#nanoTime} outside tests)
   */
  ShardWriteLimits(int shards, LongSupplier clock) {
    this.clock = clock;
    this.buckets = new Bucket[shards];
    long now = clock.getAsLong();
    for (int i = 0; i < shards; i++) {
      buckets[i] = new Bucket(now);
    }
  }

  /** Takes one record of {@code bytes} from {@code shard}'s allowance; false when over it. */
  boolean tryWrite(int shard, long bytes) {
    return buckets[shard].tryTake(bytes, clock.getAsLong());
  }

  /**
   * Both allowances of one shard. Tokens are kept in units of one nanosecond's share (a record is
   * 1e9 record tokens, a byte 1e9 byte tokens), so refilling for {@code elapsed} ns adds exactly
   * {@code elapsed * perSecond} with no rounding drift; a full second of bytes (about 1e15) fits a
   * long with room to spare.
   */
  private static final class Bucket {
    private static final long RECORD_CAPACITY = RECORDS_PER_SECOND * NANOS_PER_SECOND;
    private static final long BYTE_CAPACITY = BYTES_PER_SECOND * NANOS_PER_SECOND;

    private long recordTokens = RECORD_CAPACITY;
    private long byteTokens = BYTE_CAPACITY;
    private long lastRefill;

    Bucket(long now) {
      this.lastRefill = now;
    }

    synchronized boolean tryTake(long bytes, long now) {
      // Past one second every bucket is full anyway; the cap also keeps the products in range.
      long elapsed = Math.min(NANOS_PER_SECOND, Math.max(0, now - lastRefill));
      lastRefill = Math.max(lastRefill, now);
      recordTokens = Math.min(RECORD_CAPACITY, recordTokens + elapsed * RECORDS_PER_SECOND);
      byteTokens = Math.min(BYTE_CAPACITY, byteTokens + elapsed * BYTES_PER_SECOND);
      long byteCost = bytes * NANOS_PER_SECOND;
      if (recordTokens < NANOS_PER_SECOND || byteTokens < byteCost) {
        return false;
      }
      recordTokens -= NANOS_PER_SECOND;
      byteTokens -= byteCost;
      return true;
    }
  }
}
