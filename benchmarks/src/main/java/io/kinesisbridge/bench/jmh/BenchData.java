package io.kinesisbridge.bench.jmh;

import io.kinesisbridge.common.aggregation.UserRecord;

import java.util.Random;

/**
 * Deterministic inputs shaped like the benchmark's Kafka records: 100-byte payloads and short keys
 * ({@code key-<n>}), as the end-to-end harness produces them. A fixed seed keeps runs comparable.
 */
final class BenchData {

  /** The record size of issue #3's targets. */
  static final int PAYLOAD_BYTES = 100;

  private BenchData() {}

  /** {@code count} distinct payloads of {@link #PAYLOAD_BYTES} printable bytes each. */
  static byte[][] payloads(int count) {
    Random random = new Random(42);
    byte[][] payloads = new byte[count][PAYLOAD_BYTES];
    for (byte[] payload : payloads) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] = (byte) ('a' + random.nextInt(26));
      }
    }
    return payloads;
  }

  /** {@code count} keys of which {@code distinct} differ, e.g. 500 of 500 or 8 of 500. */
  static String[] keys(int count, int distinct) {
    String[] keys = new String[count];
    for (int i = 0; i < count; i++) {
      keys[i] = "key-" + (1_000_000 + i % distinct);
    }
    return keys;
  }

  /** User records pairing {@link #keys} with {@link #payloads}, without explicit hash keys. */
  static UserRecord[] userRecords(int count, int distinctKeys) {
    String[] keys = keys(count, distinctKeys);
    byte[][] payloads = payloads(count);
    UserRecord[] records = new UserRecord[count];
    for (int i = 0; i < count; i++) {
      records[i] = UserRecord.of(keys[i], payloads[i]);
    }
    return records;
  }
}
