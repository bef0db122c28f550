package io.kinesisbridge.testkit.stub;

import io.kinesisbridge.common.aggregation.AggregateDecoder;
import io.kinesisbridge.common.aggregation.AggregationFormatException;
import io.kinesisbridge.common.aggregation.DeaggregatedRecord;

import java.math.BigInteger;
import java.util.List;

/**
 * How many user records a Kinesis record carries: 1 for a plain record, the number of {@code
 * records} entries for a KPL aggregate.
 *
 * <p>Counting only walks the top-level protobuf fields (no MD5, no copies), because the stub does
 * it for every record of a benchmark. {@link #misrouted} does the full decode a consumer does and
 * is meant for runs that check a sink's grouping, not for measuring it.
 */
final class KplRecords {

  private static final int MAGIC_LENGTH = 4;
  private static final int CHECKSUM_LENGTH = 16;
  private static final int RECORDS_FIELD = 3;

  private KplRecords() {}

  /**
   * User records in {@code data}. Data that starts with the magic but does not walk as a protobuf
   * message counts as one plain record, as consumers fall back to treating it.
   */
  static int userRecordCount(byte[] data) {
    if (!AggregateDecoder.isAggregated(data) || data.length < MAGIC_LENGTH + CHECKSUM_LENGTH) {
      return 1;
    }
    int end = data.length - CHECKSUM_LENGTH;
    int[] position = {MAGIC_LENGTH};
    int count = 0;
    while (position[0] < end) {
      long key = readVarint(data, position, end);
      if (key < 0) {
        return 1;
      }
      int wireType = (int) (key & 7);
      if (!skip(data, position, end, wireType)) {
        return 1;
      }
      if (key >>> 3 == RECORDS_FIELD && wireType == 2) {
        count++;
      }
    }
    return position[0] == end ? count : 1;
  }

  /**
   * User records of an aggregate that Kinesis would route to another shard than {@code shard} (the
   * aggregate's own), or all of them when the aggregate does not decode. A KCL consumer drops such
   * an aggregate whole.
   */
  static int misrouted(StubStream stream, int shard, String partitionKey, byte[] data) {
    if (!AggregateDecoder.isAggregated(data)) {
      return 0;
    }
    List<DeaggregatedRecord> records;
    try {
      records = AggregateDecoder.decode(partitionKey, data);
    } catch (AggregationFormatException e) {
      return userRecordCount(data);
    }
    int misrouted = 0;
    for (DeaggregatedRecord record : records) {
      String ehk = record.explicitHashKey();
      BigInteger explicit = ehk == null ? null : new BigInteger(ehk);
      if (stream.shardOf(record.partitionKey(), explicit) != shard) {
        misrouted++;
      }
    }
    return misrouted;
  }

  private static boolean skip(byte[] data, int[] position, int end, int wireType) {
    switch (wireType) {
      case 0 -> {
        return readVarint(data, position, end) >= 0;
      }
      case 1 -> position[0] += 8;
      case 2 -> {
        long length = readVarint(data, position, end);
        if (length < 0 || length > end - position[0]) {
          return false;
        }
        position[0] += (int) length;
      }
      case 5 -> position[0] += 4;
      default -> {
        return false;
      }
    }
    return position[0] <= end;
  }

  /** The varint at {@code position[0]}, advancing it; -1 when it runs past {@code end}. */
  private static long readVarint(byte[] data, int[] position, int end) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position[0] >= end) {
        return -1;
      }
      byte b = data[position[0]++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    return -1;
  }
}
