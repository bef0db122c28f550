package io.kinesisbridge.common.aggregation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Record sets and byte helpers shared by the aggregation tests. */
final class TestRecords {

  static final int ONE_MIB = 1_048_576;

  static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

  private TestRecords() {}

  static UserRecord record(String partitionKey, String data) {
    return UserRecord.of(partitionKey, data.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  static List<UserRecord> single() {
    return List.of(record("only-key", "the only payload"));
  }

  /** 500 records (PutRecords' per-call maximum) over 50 keys, every third with a hash key. */
  static List<UserRecord> fiveHundred() {
    Random random = new Random(500);
    List<UserRecord> records = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String explicitHashKey = i % 3 == 0 ? String.valueOf(1000L * (i % 7)) : null;
      byte[] data = randomBytes(random, random.nextInt(300));
      records.add(new UserRecord("key-" + (i % 50), explicitHashKey, data));
    }
    return records;
  }

  /** Records whose aggregate is as close to 1 MiB as the encoding allows, never above. */
  static List<UserRecord> nearOneMib() {
    Random random = new Random(1);
    AggregateBuilder builder = new AggregateBuilder();
    List<UserRecord> records = new ArrayList<>();
    for (int i = 0; ; i++) {
      UserRecord next = UserRecord.of("key-" + (i % 37), randomBytes(random, 4000));
      if (builder.sizeIfAdded(next) > ONE_MIB) {
        break;
      }
      builder.add(next);
      records.add(next);
    }
    // Fill what is left with one record as large as still fits.
    for (int length = ONE_MIB - builder.size(); length >= 0; length--) {
      UserRecord filler = UserRecord.of("filler", randomBytes(random, length));
      if (builder.sizeIfAdded(filler) <= ONE_MIB) {
        records.add(filler);
        break;
      }
    }
    return records;
  }

  /** Random records whose lengths and table indexes cross the varint size boundaries. */
  static List<UserRecord> random(long seed, int count) {
    Random random = new Random(seed);
    int[] lengths = {0, 1, 126, 127, 128, 129, 16_383, 16_384, 16_385};
    List<UserRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int length =
          random.nextInt(10) == 0 ? lengths[random.nextInt(lengths.length)] : random.nextInt(200);
      String key = randomKey(random, "k" + random.nextInt(count));
      String explicitHashKey =
          random.nextBoolean() ? null : String.valueOf(random.nextLong() & Long.MAX_VALUE);
      records.add(new UserRecord(key, explicitHashKey, randomBytes(random, length)));
    }
    return records;
  }

  /** A key with a random tail of ASCII, Latin-1, CJK or astral (surrogate pair) characters. */
  private static String randomKey(Random random, String prefix) {
    int[] codePoints = {'x', 0xE9, 0x4E2D, 0x1F30D};
    StringBuilder key = new StringBuilder(prefix);
    int tail = random.nextInt(4);
    for (int i = 0; i < tail; i++) {
      key.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
    }
    return key.toString();
  }

  /** Wraps a protobuf message as an aggregate: magic, message, MD5 computed independently. */
  static byte[] wrap(byte[] protobuf) {
    byte[] checksum = md5(protobuf);
    byte[] out = Arrays.copyOf(MAGIC, MAGIC.length + protobuf.length + checksum.length);
    System.arraycopy(protobuf, 0, out, MAGIC.length, protobuf.length);
    System.arraycopy(checksum, 0, out, MAGIC.length + protobuf.length, checksum.length);
    return out;
  }

  /** The protobuf message of an aggregate: without magic and MD5. */
  static byte[] protobufOf(byte[] aggregate) {
    return Arrays.copyOfRange(aggregate, MAGIC.length, aggregate.length - 16);
  }

  static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
