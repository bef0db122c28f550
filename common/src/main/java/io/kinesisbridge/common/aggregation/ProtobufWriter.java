package io.kinesisbridge.common.aggregation;

/**
 * Writes the protobuf wire format into a pre-sized array, and computes field sizes exactly.
 *
 * <p>Hand-written so the plugin bundle needs no protobuf runtime (a second copy next to the
 * worker's could clash). Only what the KPL messages use is here: varints and length-delimited
 * fields. Every KPL field number is below 16, so each tag is a single byte, which the size methods
 * rely on.
 */
final class ProtobufWriter {

  static final int WIRE_VARINT = 0;
  static final int WIRE_FIXED64 = 1;
  static final int WIRE_LENGTH_DELIMITED = 2;
  static final int WIRE_FIXED32 = 5;

  private final byte[] buffer;
  private int position;

  /** Writes into {@code buffer} starting at {@code position}; the caller sized the buffer. */
  ProtobufWriter(byte[] buffer, int position) {
    this.buffer = buffer;
    this.position = position;
  }

  /** A tag is the field number shifted left by three bits, or-ed with the wire type. */
  static int tag(int fieldNumber, int wireType) {
    return fieldNumber << 3 | wireType;
  }

  /** Bytes the varint encoding of {@code value} (as unsigned) takes: 7 payload bits per byte. */
  static int varintSize(long value) {
    int size = 1;
    long rest = value >>> 7;
    while (rest != 0) {
      size++;
      rest >>>= 7;
    }
    return size;
  }

  /** Bytes of a varint field: one tag byte plus the varint. */
  static int varintFieldSize(long value) {
    return 1 + varintSize(value);
  }

  /** Bytes of a length-delimited field: one tag byte, the length varint, then the payload. */
  static long lengthDelimitedFieldSize(long payloadLength) {
    return 1 + varintSize(payloadLength) + payloadLength;
  }

  int position() {
    return position;
  }

  void writeVarintField(int fieldNumber, long value) {
    buffer[position++] = (byte) tag(fieldNumber, WIRE_VARINT);
    writeVarint(value);
  }

  /** Writes a tag and length; the caller writes exactly {@code length} payload bytes next. */
  void writeLengthPrefix(int fieldNumber, int length) {
    buffer[position++] = (byte) tag(fieldNumber, WIRE_LENGTH_DELIMITED);
    writeVarint(length);
  }

  void writeBytesField(int fieldNumber, byte[] payload) {
    writeLengthPrefix(fieldNumber, payload.length);
    writeRaw(payload);
  }

  void writeRaw(byte[] bytes) {
    System.arraycopy(bytes, 0, buffer, position, bytes.length);
    position += bytes.length;
  }

  /** Little-endian groups of 7 bits, the high bit set on every byte but the last. */
  private void writeVarint(long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      buffer[position++] = (byte) ((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    buffer[position++] = (byte) rest;
  }
}
