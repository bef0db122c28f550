package io.kinesisbridge.common.convert;

import org.apache.kafka.connect.data.Schema;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The data bytes a sink sends for a record value: bytes and strings pass through as they are,
 * everything else becomes JSON.
 *
 * <ul>
 *   <li>{@code byte[]}: the very same array, not a copy (callers must not change it).
 *   <li>{@code ByteBuffer}: its remaining bytes; the buffer's position is left alone.
 *   <li>String: its UTF-8 bytes, not a quoted JSON string, so text written by {@code
 *       StringConverter} arrives exactly as produced.
 *   <li>Anything else (Struct, Map, List, numbers, booleans, logical types): {@link
 *       ConnectJson#toJsonBytes(Schema, Object)}.
 * </ul>
 *
 * <p>The Java type of the value decides, not the schema: Connect guarantees that a {@code STRING}
 * or {@code BYTES} schema carries a String or bytes, and a Decimal (a {@code BYTES} schema) carries
 * a BigDecimal, which becomes a JSON number.
 */
public final class PayloadBytes {

  private PayloadBytes() {}

  /**
   * The payload bytes of a record value.
   *
   * @param schema the value's schema, or null for schemaless data
   * @param value the record value; null values (tombstones) have no payload and are the caller's to
   *     handle first
   * @throws DataConversionException when the value is null, or holds a type Connect does not define
   *     or does not fit its schema
   */
  public static byte[] payloadOf(Schema schema, Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof ByteBuffer buffer) {
      return bytesOf(buffer);
    }
    if (value == null) {
      throw new DataConversionException("the value is null: a tombstone has no payload bytes");
    }
    return ConnectJson.toJsonBytes(schema, value);
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    // ByteBuffer.wrap(array) is the common case: hand back that array instead of copying it.
    if (buffer.hasArray()
        && buffer.arrayOffset() == 0
        && buffer.position() == 0
        && buffer.remaining() == buffer.array().length) {
      return buffer.array();
    }
    return KeyText.remainingBytes(buffer);
  }
}
