package io.kinesisbridge.testkit.stub;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One stream of the stub: its shards (an even split of the hash key space), a sequence number
 * counter and write allowance per shard, its record size limit and what it (and each shard)
 * received. Always ACTIVE.
 */
final class StubStream {

  /** The account id the stub's ARNs and error messages name, as emulators commonly do. */
  static final String ACCOUNT = "000000000000";

  private static final String REGION = "us-east-1";
  private static final int SEQUENCE_DIGITS = 56;
  private static final String ZEROS = "0".repeat(SEQUENCE_DIGITS);

  private final String name;
  private final String arn;
  private final HashKeyRanges ranges;
  private final int maxRecordBytes;
  private final String[] shardIds;
  private final String[] sequencePrefixes;
  private final AtomicLongArray sequences;
  private final StubStats stats = new StubStats();
  private final ShardCounters shardCounters;
  private final ShardWriteLimits writeLimits;

  StubStream(String name, int shards, int maxRecordBytes) {
    this.name = name;
    this.arn = "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + name;
    this.ranges = HashKeyRanges.even(shards);
    this.maxRecordBytes = maxRecordBytes;
    this.shardIds = new String[shards];
    this.sequencePrefixes = new String[shards];
    this.sequences = new AtomicLongArray(shards);
    this.shardCounters = new ShardCounters(shards);
    this.writeLimits = new ShardWriteLimits(shards, System::nanoTime);
    for (int i = 0; i < shards; i++) {
      shardIds[i] = String.format("shardId-%012d", i);
      // Real sequence numbers are 56 decimal digits that grow per shard; the shard index in the
      // prefix keeps them unique across shards as well.
      sequencePrefixes[i] = String.format("49%05d", i);
    }
  }

  /** The stream name in an ARN ({@code ...:stream/NAME}), or the name itself. */
  static String nameOf(String streamNameOrArn) {
    int slash = streamNameOrArn.lastIndexOf(":stream/");
    return slash < 0 ? streamNameOrArn : streamNameOrArn.substring(slash + ":stream/".length());
  }

  String name() {
    return name;
  }

  String arn() {
    return arn;
  }

  int maxRecordBytes() {
    return maxRecordBytes;
  }

  int shardCount() {
    return shardIds.length;
  }

  String shardId(int shard) {
    return shardIds[shard];
  }

  BigInteger startingHashKey(int shard) {
    return ranges.start(shard);
  }

  BigInteger endingHashKey(int shard) {
    return ranges.end(shard);
  }

  StubStats stats() {
    return stats;
  }

  ShardCounters shardCounters() {
    return shardCounters;
  }

  /** The per-shard write allowances, consulted only while the server enforces shard limits. */
  ShardWriteLimits writeLimits() {
    return writeLimits;
  }

  int shardOf(String partitionKey, BigInteger explicitHashKey) {
    return ranges.shardOf(partitionKey, explicitHashKey);
  }

  /** The first sequence number of {@code shard}, for its SequenceNumberRange. */
  String startingSequenceNumber(int shard) {
    return format(shard, 0);
  }

  /** The next sequence number of {@code shard}; increases with every call. */
  String nextSequenceNumber(int shard) {
    return format(shard, sequences.incrementAndGet(shard));
  }

  private String format(int shard, long counter) {
    String prefix = sequencePrefixes[shard];
    String digits = Long.toString(counter);
    int padding = SEQUENCE_DIGITS - prefix.length() - digits.length();
    return prefix + ZEROS.substring(0, padding) + digits;
  }
}
