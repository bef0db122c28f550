package io.kinesisbridge.common.aggregation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import static io.kinesisbridge.common.aggregation.ProtobufWriter.WIRE_LENGTH_DELIMITED;
import static io.kinesisbridge.common.aggregation.ProtobufWriter.WIRE_VARINT;

/**
 * Turns the data of one Kinesis record back into its user records.
 *
 * <p>Readers must accept both kinds of records on one stream: data that does not start with the KPL
 * magic is returned unchanged as a single non-aggregated record. Data that does start with the
 * magic must be a valid aggregate, otherwise an {@link AggregationFormatException} says what is
 * wrong.
 *
 * <p>That is stricter than AWS's KCL, which hands an aggregate with a bad checksum or unparsable
 * protobuf to the application as raw bytes, and which also treats an aggregate without user records
 * as raw data. A caller that prefers KCL's leniency can catch the exception and deliver the raw
 * bytes itself; failing loudly is the safer default because silently emitting magic and protobuf
 * bytes as a payload corrupts the consumer's data.
 *
 * <p>Unknown fields (such as the KPL's tags) are skipped, so aggregates from newer producers still
 * decode.
 */
public final class AggregateDecoder {

  /** Longest explicit hash key (39 digits at most when valid) an error message repeats. */
  private static final int MAX_SHOWN_KEY_CHARS = 40;

  private AggregateDecoder() {}

  /** A user record as read from the wire, before its key indexes are resolved. */
  private record RawRecord(long partitionKeyIndex, long explicitHashKeyIndex, byte[] data) {}

  /** True when {@code data} starts with the KPL magic and will be decoded as an aggregate. */
  public static boolean isAggregated(byte[] data) {
    return KplFormat.startsWithMagic(data);
  }

  /**
   * Decodes the data of one Kinesis record.
   *
   * @param partitionKey the Kinesis record's partition key, used only for non-aggregated data
   * @param data the Kinesis record's data (not copied when non-aggregated)
   * @return the user records in order, sub-sequence numbers 0..n-1; a single record with {@code
   *     aggregated() == false} for non-aggregated data
   * @throws AggregationFormatException when the data starts with the magic but is not a valid
   *     aggregate
   */
  public static List<DeaggregatedRecord> decode(String partitionKey, byte[] data) {
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(data, "data");
    if (!isAggregated(data)) {
      return List.of(new DeaggregatedRecord(UserRecord.of(partitionKey, data), 0, false));
    }
    int protobufEnd = verifyChecksum(data);
    return parseAggregatedRecord(data, KplFormat.MAGIC.length, protobufEnd);
  }

  /** Checks the trailing MD5 and returns where the protobuf message ends. */
  private static int verifyChecksum(byte[] data) {
    if (data.length < KplFormat.OVERHEAD) {
      throw new AggregationFormatException(
          "aggregated record of "
              + data.length
              + " bytes is shorter than the magic and MD5 checksum ("
              + KplFormat.OVERHEAD
              + " bytes)");
    }
    int protobufEnd = data.length - KplFormat.CHECKSUM_LENGTH;
    int protobufLength = protobufEnd - KplFormat.MAGIC.length;
    byte[] expected = KplFormat.md5(data, KplFormat.MAGIC.length, protobufLength);
    byte[] actual = Arrays.copyOfRange(data, protobufEnd, data.length);
    if (!Arrays.equals(expected, actual)) {
      throw new AggregationFormatException(
          "MD5 checksum mismatch in aggregated record of "
              + data.length
              + " bytes ("
              + protobufLength
              + " bytes of protobuf): expected "
              + HexFormat.of().formatHex(expected)
              + ", found "
              + HexFormat.of().formatHex(actual));
    }
    return protobufEnd;
  }

  /**
   * Reads the AggregatedRecord message. Protobuf allows fields in any order, so records are
   * resolved against the key tables only once the whole message is read.
   */
  private static List<DeaggregatedRecord> parseAggregatedRecord(byte[] data, int start, int end) {
    ProtobufReader reader = ProtobufReader.of(data, start, end, "AggregatedRecord");
    List<String> partitionKeys = new ArrayList<>();
    List<String> explicitHashKeys = new ArrayList<>();
    List<RawRecord> records = new ArrayList<>();
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      switch (ProtobufReader.fieldNumber(tag)) {
        case KplFormat.PARTITION_KEY_TABLE -> partitionKeys.add(readString(reader, tag));
        case KplFormat.EXPLICIT_HASH_KEY_TABLE -> explicitHashKeys.add(readString(reader, tag));
        case KplFormat.RECORDS -> {
          reader.expectWireType(tag, WIRE_LENGTH_DELIMITED);
          records.add(parseRecord(reader.readMessage("Record " + records.size()), records.size()));
        }
        default -> reader.skipField(tag);
      }
    }
    return resolve(records, partitionKeys, explicitHashKeys);
  }

  private static String readString(ProtobufReader reader, int tag) {
    reader.expectWireType(tag, WIRE_LENGTH_DELIMITED);
    return reader.readString();
  }

  /** Reads one Record message; its required fields must be present, as in proto2. */
  private static RawRecord parseRecord(ProtobufReader reader, int recordNumber) {
    long partitionKeyIndex = -1;
    long explicitHashKeyIndex = -1;
    byte[] payload = null;
    while (reader.hasRemaining()) {
      int tag = reader.readTag();
      switch (ProtobufReader.fieldNumber(tag)) {
        case KplFormat.PARTITION_KEY_INDEX -> partitionKeyIndex = readIndex(reader, tag);
        case KplFormat.EXPLICIT_HASH_KEY_INDEX -> explicitHashKeyIndex = readIndex(reader, tag);
        case KplFormat.DATA -> {
          reader.expectWireType(tag, WIRE_LENGTH_DELIMITED);
          payload = reader.readBytes();
        }
        default -> reader.skipField(tag);
      }
    }
    if (partitionKeyIndex < 0 || payload == null) {
      throw new AggregationFormatException(
          "malformed aggregate: record "
              + recordNumber
              + " lacks its required "
              + (payload == null ? "data (field 3)" : "partition_key_index (field 1)"));
    }
    return new RawRecord(partitionKeyIndex, explicitHashKeyIndex, payload);
  }

  /** Reads a uint64 index; values of 2^63 and up come out negative and fail the range check. */
  private static long readIndex(ProtobufReader reader, int tag) {
    reader.expectWireType(tag, WIRE_VARINT);
    long index = reader.readVarint();
    return index < 0 ? Long.MAX_VALUE : index;
  }

  private static List<DeaggregatedRecord> resolve(
      List<RawRecord> records, List<String> partitionKeys, List<String> explicitHashKeys) {
    List<DeaggregatedRecord> result = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      RawRecord raw = records.get(i);
      String partitionKey = lookUp(partitionKeys, raw.partitionKeyIndex(), i, "partition key");
      String explicitHashKey =
          raw.explicitHashKeyIndex() < 0
              ? null
              : validHashKey(
                  lookUp(explicitHashKeys, raw.explicitHashKeyIndex(), i, "explicit hash key"), i);
      result.add(
          new DeaggregatedRecord(
              new UserRecord(partitionKey, explicitHashKey, raw.data()), i, true));
    }
    return result;
  }

  /**
   * Consumers route and filter by the explicit hash key (HashKeys), so one that is no decimal from
   * 0 to 2^128 - 1 makes the aggregate malformed here, not an unexpected exception downstream.
   */
  private static String validHashKey(String explicitHashKey, int recordNumber) {
    try {
      HashKeys.parseExplicitHashKey(explicitHashKey);
      return explicitHashKey;
    } catch (IllegalArgumentException e) {
      // The key is the sender's text, and may be long: a WARN line shows its start only.
      String shown =
          explicitHashKey.length() <= MAX_SHOWN_KEY_CHARS
              ? explicitHashKey
              : explicitHashKey.substring(0, MAX_SHOWN_KEY_CHARS) + "...";
      throw new AggregationFormatException(
          "malformed aggregate: record "
              + recordNumber
              + " has an explicit hash key that is no decimal from 0 to 2^128 - 1: '"
              + shown
              + "' ("
              + explicitHashKey.length()
              + " characters)");
    }
  }

  private static String lookUp(List<String> table, long index, int recordNumber, String name) {
    if (index >= table.size()) {
      throw new AggregationFormatException(
          "malformed aggregate: record "
              + recordNumber
              + " refers to "
              + name
              + " index "
              + (index == Long.MAX_VALUE ? "2^63 or more" : Long.toString(index))
              + " but the "
              + name
              + " table has "
              + table.size()
              + " entries");
    }
    return table.get((int) index);
  }
}
