package io.kinesisbridge.common.aggregation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.kinesisbridge.common.aggregation.ProtobufWriter.WIRE_FIXED32;
import static io.kinesisbridge.common.aggregation.ProtobufWriter.WIRE_FIXED64;
import static io.kinesisbridge.common.aggregation.ProtobufWriter.WIRE_LENGTH_DELIMITED;
import static io.kinesisbridge.common.aggregation.ProtobufWriter.WIRE_VARINT;

/**
 * Reads the protobuf wire format from a slice of an array, strictly: every varint must fit 64 bits,
 * every tag 32, and every length is checked as unsigned against the bytes that remain before it
 * moves the position, so a truncated, corrupt or crafted message fails with an {@link
 * AggregationFormatException} that names the message, the offset and the sizes, never with another
 * exception, and the position only ever moves forward (no input can make the reader loop).
 *
 * <p>Offsets in messages are relative to the start of the outermost protobuf message, which is what
 * someone inspecting a hex dump of the aggregate minus its magic will look for.
 */
final class ProtobufReader {

  private static final int MAX_VARINT_BYTES = 10;

  /** The tenth byte of a varint holds bit 63 only: anything more does not fit 64 bits. */
  private static final int MAX_LAST_VARINT_BYTE = 1;

  /** Tags are uint32: field number (up to 2^29 - 1) shifted left by 3, or'ed with the wire type. */
  private static final long MAX_TAG = 0xFFFF_FFFFL;

  private final byte[] buffer;
  private final int origin;
  private final int limit;
  private final String messageName;
  private int position;

  private ProtobufReader(byte[] buffer, int origin, int start, int limit, String messageName) {
    this.buffer = buffer;
    this.origin = origin;
    this.position = start;
    this.limit = limit;
    this.messageName = messageName;
  }

  /** A reader for the top-level message in {@code buffer[start, limit)}. */
  static ProtobufReader of(byte[] buffer, int start, int limit, String messageName) {
    return new ProtobufReader(buffer, start, start, limit, messageName);
  }

  boolean hasRemaining() {
    return position < limit;
  }

  /** Reads a tag and checks that its field number is valid (protobuf forbids field 0). */
  int readTag() {
    int at = offset();
    long tag = readVarint();
    // A tag is a uint32; a longer varint (or one of 2^63 and up, negative as a long) must not be
    // narrowed to an int that happens to name a valid field.
    if (tag >>> 3 == 0 || tag > MAX_TAG || tag < 0) {
      throw malformed("invalid tag " + tag + " at offset " + at);
    }
    return (int) tag;
  }

  static int fieldNumber(int tag) {
    return tag >>> 3;
  }

  static int wireType(int tag) {
    return tag & 7;
  }

  /** Fails unless the field has the wire type its schema prescribes. */
  void expectWireType(int tag, int wireType) {
    if (wireType(tag) != wireType) {
      throw malformed(
          "field "
              + fieldNumber(tag)
              + " has wire type "
              + wireType(tag)
              + ", expected "
              + wireType
              + " (before offset "
              + offset()
              + ")");
    }
  }

  /** Reads an unsigned varint of up to 64 bits. */
  long readVarint() {
    int at = offset();
    long result = 0;
    for (int i = 0; i < MAX_VARINT_BYTES; i++) {
      if (position >= limit) {
        throw malformed("varint at offset " + at + " runs past the end" + sizes());
      }
      byte b = buffer[position++];
      // (a tenth byte with the continuation bit set is negative and fails below as too long)
      if (i == MAX_VARINT_BYTES - 1 && b > MAX_LAST_VARINT_BYTE) {
        throw malformed("varint at offset " + at + " does not fit in 64 bits");
      }
      result |= (long) (b & 0x7F) << (7 * i);
      if (b >= 0) {
        return result;
      }
    }
    throw malformed("varint at offset " + at + " is longer than " + MAX_VARINT_BYTES + " bytes");
  }

  /** Reads a length-delimited field's payload as a reader for the embedded message. */
  ProtobufReader readMessage(String embeddedName) {
    int length = readLength();
    ProtobufReader embedded =
        new ProtobufReader(buffer, origin, position, position + length, embeddedName);
    position += length;
    return embedded;
  }

  /** Reads a length-delimited field's payload as a copy. */
  byte[] readBytes() {
    int length = readLength();
    byte[] bytes = Arrays.copyOfRange(buffer, position, position + length);
    position += length;
    return bytes;
  }

  /** Reads a length-delimited field's payload as UTF-8, the encoding protobuf mandates. */
  String readString() {
    int length = readLength();
    String value = new String(buffer, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  /** Skips a field this codec does not know (such as KPL's tags), whatever its wire type. */
  void skipField(int tag) {
    switch (wireType(tag)) {
      case WIRE_VARINT -> readVarint();
      case WIRE_FIXED64 -> skip(8);
      case WIRE_LENGTH_DELIMITED -> skip(readLength());
      case WIRE_FIXED32 -> skip(4);
      default ->
          // Groups (3, 4) are deprecated and never written by the KPL; 6 and 7 do not exist.
          throw malformed(
              "unsupported wire type " + wireType(tag) + " for field " + fieldNumber(tag));
    }
  }

  private int readLength() {
    int at = offset();
    long length = readVarint();
    // Unsigned: a varint of 2^63 or more is negative as a long and would move the position back.
    if (length < 0 || length > limit - position) {
      throw malformed(
          "truncated: length "
              + Long.toUnsignedString(length)
              + " at offset "
              + at
              + " exceeds the "
              + (limit - position)
              + " bytes that remain"
              + sizes());
    }
    return (int) length;
  }

  private void skip(int count) {
    if (count < 0 || count > limit - position) {
      throw malformed(
          "truncated: cannot skip "
              + count
              + " bytes at offset "
              + offset()
              + ", "
              + (limit - position)
              + " remain"
              + sizes());
    }
    position += count;
  }

  private int offset() {
    return position - origin;
  }

  private String sizes() {
    return " (" + messageName + " ends at offset " + (limit - origin) + ")";
  }

  private AggregationFormatException malformed(String detail) {
    return new AggregationFormatException("malformed " + messageName + ": " + detail);
  }
}
