package io.kinesisbridge.common.convert;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * The text form of a single Connect value, where text is needed rather than JSON: partition keys
 * and the names of JSON object members. Shared so that a map key and the same value used as a
 * partition key read the same.
 */
final class KeyText {

  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private KeyText() {}

  /**
   * The text of {@code value}, or null for null. See {@link FieldPath#toKeyString(Schema, Object)}.
   */
  static String of(Schema schema, Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Boolean
        || value instanceof Double
        || value instanceof Float
        || value instanceof Short
        || value instanceof Byte) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      // Plain, like the JSON form: 1E+3 and 1000 are different keys, but the same number.
      return decimal.toPlainString();
    }
    if (value instanceof byte[] bytes) {
      return BASE64.encodeToString(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      return BASE64.encodeToString(remainingBytes(buffer));
    }
    if (value instanceof java.util.Date instant) {
      return dateText(schema, instant.getTime());
    }
    if (value instanceof Struct
        || value instanceof Map<?, ?>
        || value instanceof Collection<?>
        || value instanceof Object[]) {
      return ConnectJson.toJsonString(schema, value);
    }
    throw JsonWriter.unsupported(value);
  }

  /** The member name for a map key: like {@link #of}, with a null key named {@code "null"}. */
  static String mapKey(Schema keySchema, Object key) {
    String text = of(keySchema, key);
    return text == null ? "null" : text;
  }

  /** The bytes between position and limit, leaving the buffer's position untouched. */
  static byte[] remainingBytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static String dateText(Schema schema, long epochMillis) {
    String logicalName = schema == null ? null : schema.name();
    if (Date.LOGICAL_NAME.equals(logicalName)) {
      return IsoTimes.date(epochMillis);
    }
    if (Time.LOGICAL_NAME.equals(logicalName)) {
      return IsoTimes.time(epochMillis);
    }
    return IsoTimes.timestamp(epochMillis);
  }
}
