package io.kinesisbridge.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The records the source benchmark writes: data = index (8 bytes), send time in epoch millis (8
 * bytes), random filler up to the record size; a random partition key, so records spread over all
 * shards. The index lets the consumer count distinct records; the time gives the lag.
 */
final class StampedRecords {

  private StampedRecords() {}

  /** Entries {@code from} to {@code from + count - 1}, all stamped with {@code sentMillis}. */
  static List<PutRecordsRequestEntry> entries(
      long from, int count, long sentMillis, int recordBytes) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<PutRecordsRequestEntry> entries = new ArrayList<>(count);
    for (long index = from; index < from + count; index++) {
      byte[] data = new byte[recordBytes];
      random.nextBytes(data);
      ByteBuffer.wrap(data).putLong(index).putLong(sentMillis);
      entries.add(
          PutRecordsRequestEntry.builder()
              .partitionKey(Long.toHexString(random.nextLong()))
              .data(SdkBytes.fromByteArrayUnsafe(data))
              .build());
    }
    return entries;
  }

  static long indexOf(byte[] data) {
    return ByteBuffer.wrap(data).getLong(0);
  }

  static long sentMillisOf(byte[] data) {
    return ByteBuffer.wrap(data).getLong(8);
  }
}
