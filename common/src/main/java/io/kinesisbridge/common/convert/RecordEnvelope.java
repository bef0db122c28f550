package io.kinesisbridge.common.convert;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kinesisbridge.common.connect.RecordOrigin;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A whole sink record as one compact JSON document, the {@code envelope} payload format of both
 * sinks: it keeps what Kinesis and Firehose have no field for (key, headers, timestamp) and the
 * Kafka coordinates a consumer drops duplicates by.
 *
 * <pre>{@code
 * {"topic":"orders","partition":2,"offset":1041,"timestamp":1733472000000,
 *  "key":"order-17","value":{"id":17,"total":12.30},
 *  "headers":[{"key":"trace-id","value":"4bf92f35"},
 *             {"key":"sig","value":"3q2+7w==","valueEncoding":"base64"}]}
 * }</pre>
 *
 * <p>Members, always present and in this order:
 *
 * <ul>
 *   <li>{@code topic}, {@code partition}, {@code offset}: where Connect's consumer read the record
 *       ({@link RecordOrigin}: before any SMT, the coordinates the sink commits offsets under). A
 *       redelivered record carries the same three, and no two records share them, so they are the
 *       key to drop duplicates by, even when an SMT renamed the topic or merged several topics.
 *   <li>{@code timestamp}: the record's timestamp in epoch milliseconds, or null when it has none.
 *   <li>{@code key}, {@code value}: see below; null for a null key or value (a tombstone).
 *   <li>{@code headers}: an array of {@code {"key": name, "value": ...}} objects in the record's
 *       order, repeated names kept; empty when there are none.
 * </ul>
 *
 * <p>A key, value or header value is written by its Java type, as Connect delivers it:
 *
 * <ul>
 *   <li>Struct, Map, List, numbers, booleans, Decimal, Timestamp, Date, Time: JSON by {@link
 *       ConnectJson}'s rules (bytes nested inside them are base64 strings there, as in the {@code
 *       json} format).
 *   <li>String: a JSON string, except a String holding exactly one JSON object or array, which is
 *       embedded as that JSON ({@link EmbeddedJson}). Strings inside a Struct, Map or List stay
 *       strings: only the key, the value and each header value as a whole are looked at.
 *   <li>{@code byte[]} or {@code ByteBuffer}: embedded as JSON when the bytes are UTF-8 text
 *       holding exactly one JSON object or array; otherwise a base64 string (standard alphabet,
 *       padded) and a sibling member {@code keyEncoding} / {@code valueEncoding} (for a header:
 *       {@code valueEncoding} inside its object) with the value {@code "base64"}.
 * </ul>
 *
 * <p>So a consumer reads a member as it is, except that a string whose {@code *Encoding} sibling is
 * {@code "base64"} is to be decoded to bytes; the sibling appears for nothing else. Thread-safe.
 */
public final class RecordEnvelope {

  /** The member naming the original topic. */
  public static final String TOPIC = "topic";

  /** The member naming the original partition. */
  public static final String PARTITION = "partition";

  /** The member naming the original offset. */
  public static final String OFFSET = "offset";

  /** The member with the timestamp in epoch milliseconds. */
  public static final String TIMESTAMP = "timestamp";

  /** The member with the record key, and inside a header object its name. */
  public static final String KEY = "key";

  /** The member with the record value, and inside a header object the header's value. */
  public static final String VALUE = "value";

  /** The member with the array of headers. */
  public static final String HEADERS = "headers";

  /** The sibling of {@link #KEY} that marks a base64 key. */
  public static final String KEY_ENCODING = "keyEncoding";

  /** The sibling of {@link #VALUE} that marks a base64 value. */
  public static final String VALUE_ENCODING = "valueEncoding";

  /** The only value of an encoding member. */
  public static final String BASE64 = "base64";

  private RecordEnvelope() {}

  /**
   * The envelope of {@code record} as compact UTF-8 JSON on one line.
   *
   * @param record the record, as the sink received it (after SMTs)
   * @param origin where the record was read, see {@link RecordOrigin#of}
   * @throws DataConversionException when the key, value or a header holds a type Connect does not
   *     define or does not fit its schema; the message names which
   */
  public static byte[] encode(SinkRecord record, RecordOrigin origin) {
    OutputBuffer buffer = OutputBuffer.acquire();
    try {
      try (JsonGenerator out = ConnectJson.FACTORY.createGenerator(buffer)) {
        writeEnvelope(out, record, origin);
      } catch (IOException e) {
        // The buffer never fails; Jackson reports its own limits (nesting depth) this way.
        throw new DataConversionException("cannot write the envelope: " + e.getMessage(), e);
      }
      return buffer.toByteArray();
    } finally {
      buffer.release();
    }
  }

  private static void writeEnvelope(JsonGenerator out, SinkRecord record, RecordOrigin origin)
      throws IOException {
    out.writeStartObject();
    out.writeStringField(TOPIC, origin.partition().topic());
    out.writeNumberField(PARTITION, origin.partition().partition());
    out.writeNumberField(OFFSET, origin.offset());
    out.writeFieldName(TIMESTAMP);
    if (record.timestamp() == null) {
      out.writeNull();
    } else {
      out.writeNumber(record.timestamp());
    }
    writeMember(out, KEY, KEY_ENCODING, record.keySchema(), record.key());
    writeMember(out, VALUE, VALUE_ENCODING, record.valueSchema(), record.value());
    out.writeArrayFieldStart(HEADERS);
    int index = 0;
    for (Header header : record.headers()) {
      out.writeStartObject();
      out.writeStringField(KEY, header.key());
      try {
        writeMember(out, VALUE, VALUE_ENCODING, header.schema(), header.value());
      } catch (DataConversionException e) {
        throw e.under(HEADERS + "[" + index + "]");
      }
      out.writeEndObject();
      index++;
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  /** Writes {@code name} and its value, plus {@code encodingName} when the value is base64. */
  private static void writeMember(
      JsonGenerator out, String name, String encodingName, Schema schema, Object value)
      throws IOException {
    out.writeFieldName(name);
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      byte[] bytes =
          value instanceof byte[] array ? array : KeyText.remainingBytes((ByteBuffer) value);
      String json = EmbeddedJson.oneLine(bytes);
      if (json != null) {
        out.writeRawValue(json);
      } else {
        out.writeBinary(bytes);
        out.writeStringField(encodingName, BASE64);
      }
    } else if (value instanceof String text) {
      String json = EmbeddedJson.oneLine(text);
      if (json != null) {
        out.writeRawValue(json);
      } else {
        out.writeString(text);
      }
    } else {
      try {
        JsonWriter.write(out, schema, value);
      } catch (DataConversionException e) {
        throw e.under(name);
      }
    }
  }
}
