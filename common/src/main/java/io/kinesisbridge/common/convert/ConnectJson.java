package io.kinesisbridge.common.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import org.apache.kafka.connect.data.Schema;

import java.io.IOException;

/**
 * Connect data as JSON, without a schema envelope: what the Kinesis sink sends for structured
 * values, what the Firehose {@code json} format writes, and how structured partition keys read.
 *
 * <p>With a schema, the schema decides; without one ({@code null}), the Java type of the value:
 *
 * <ul>
 *   <li>Struct: an object with the fields in schema order. A null field is {@code null}, or its
 *       default when the field declares one (as Connect's own JsonConverter does).
 *   <li>Map: an object. Keys become member names: strings as they are, numbers and booleans in
 *       their usual text, bytes as base64, structured keys as compact JSON, a null key as {@code
 *       "null"}. Keys with the same text yield repeated member names.
 *   <li>List (or an array without a schema): an array.
 *   <li>Integers and floating-point numbers: JSON numbers; NaN and the infinities, which JSON
 *       cannot express as numbers, become the strings {@code "NaN"}, {@code "Infinity"} and {@code
 *       "-Infinity"}.
 *   <li>Boolean: {@code true} / {@code false}. String: a JSON string.
 *   <li>{@code byte[]} and {@code ByteBuffer} (its remaining bytes): a base64 string (standard
 *       alphabet, with padding).
 *   <li>Decimal: a JSON number with exactly the value's digits and scale, never exponent notation
 *       ({@code 12.30} stays {@code 12.30}).
 *   <li>Timestamp: {@code "2024-03-01T13:45:30.250Z"}; Date: {@code "2024-03-01"}; Time: {@code
 *       "13:45:30.250"}. All in UTC, always with milliseconds; years beyond 0000-9999 use ISO's
 *       expanded form ({@code "+10000-01-01"}). A {@code java.util.Date} without a schema is a
 *       Timestamp.
 *   <li>null: {@code null}.
 * </ul>
 *
 * <p>Any other Java type, or a value that does not fit its schema, raises {@link
 * DataConversionException} naming the type and the field path. Thread-safe; the JSON buffer is
 * reused per thread, so a call allocates little more than the returned array.
 */
public final class ConnectJson {

  // Thread-safe once built; sharing one keeps Jackson's buffer recycling effective. The record
  // envelope writes with it too, so numbers look the same in both.
  static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private ConnectJson() {}

  /**
   * The compact UTF-8 JSON of a Connect value; a String becomes a quoted JSON string.
   *
   * @param schema the value's schema, or null for schemaless data
   * @param value the value, possibly null (giving {@code null})
   * @throws DataConversionException when the value holds a type Connect does not define or does not
   *     fit its schema
   */
  public static byte[] toJsonBytes(Schema schema, Object value) {
    OutputBuffer buffer = OutputBuffer.acquire();
    try {
      writeTo(buffer, schema, value);
      return buffer.toByteArray();
    } finally {
      buffer.release();
    }
  }

  /**
   * The compact JSON of a Connect value as a String.
   *
   * @see #toJsonBytes(Schema, Object)
   */
  public static String toJsonString(Schema schema, Object value) {
    OutputBuffer buffer = OutputBuffer.acquire();
    try {
      writeTo(buffer, schema, value);
      return buffer.toUtf8String();
    } finally {
      buffer.release();
    }
  }

  private static void writeTo(OutputBuffer buffer, Schema schema, Object value) {
    try (JsonGenerator generator = FACTORY.createGenerator(buffer)) {
      JsonWriter.write(generator, schema, value);
    } catch (IOException e) {
      // The buffer never fails; Jackson reports its own limits (nesting depth) this way.
      throw new DataConversionException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
