package io.kinesisbridge.common.convert;

import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Streams one Connect value into a {@link JsonGenerator}. With a schema, the schema decides the
 * JSON shape (and the logical type); without one, the Java type of the value does.
 */
final class JsonWriter {

  private JsonWriter() {}

  static void write(JsonGenerator out, Schema schema, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (schema == null) {
      writeSchemaless(out, value);
    } else if (schema.name() == null || !writeLogical(out, schema, value)) {
      writeTyped(out, schema, value);
    }
  }

  private static void writeTyped(JsonGenerator out, Schema schema, Object value)
      throws IOException {
    switch (schema.type()) {
      case INT8, INT16, INT32 -> out.writeNumber(number(schema, value).intValue());
      case INT64 -> out.writeNumber(number(schema, value).longValue());
      case FLOAT32 -> out.writeNumber(number(schema, value).floatValue());
      case FLOAT64 -> out.writeNumber(number(schema, value).doubleValue());
      case BOOLEAN -> out.writeBoolean(expect(Boolean.class, schema, value));
      case STRING -> out.writeString(expect(String.class, schema, value));
      case BYTES -> writeBytes(out, schema, value);
      case ARRAY -> writeArray(out, schema.valueSchema(), value, schema);
      case MAP -> writeMap(out, schema.keySchema(), schema.valueSchema(), value, schema);
      case STRUCT -> writeStruct(out, expect(Struct.class, schema, value));
      default -> throw new DataConversionException("unsupported schema type " + schema.type());
    }
  }

  /** Writes a logical-type value; false when the schema's name is not a Connect logical type. */
  private static boolean writeLogical(JsonGenerator out, Schema schema, Object value)
      throws IOException {
    switch (schema.name()) {
      case Decimal.LOGICAL_NAME -> out.writeNumber(expect(BigDecimal.class, schema, value));
      case Timestamp.LOGICAL_NAME ->
          out.writeString(
              IsoTimes.timestamp(expect(java.util.Date.class, schema, value).getTime()));
      case Date.LOGICAL_NAME ->
          out.writeString(IsoTimes.date(expect(java.util.Date.class, schema, value).getTime()));
      case Time.LOGICAL_NAME ->
          out.writeString(IsoTimes.time(expect(java.util.Date.class, schema, value).getTime()));
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void writeSchemaless(JsonGenerator out, Object value) throws IOException {
    if (value instanceof String text) {
      out.writeString(text);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      out.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long number) {
      out.writeNumber(number);
    } else if (value instanceof Double number) {
      out.writeNumber(number);
    } else if (value instanceof Float number) {
      out.writeNumber(number);
    } else if (value instanceof Boolean flag) {
      out.writeBoolean(flag);
    } else if (value instanceof BigDecimal decimal) {
      out.writeNumber(decimal);
    } else if (value instanceof Struct struct) {
      writeStruct(out, struct);
    } else if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
      writeContainer(out, value);
    } else if (value instanceof Object[] array) {
      writeElements(out, null, List.of(array));
    } else if (value instanceof byte[] || value instanceof ByteBuffer) {
      writeBytes(out, null, value);
    } else if (value instanceof java.util.Date instant) {
      // Without a schema a Date cannot say which logical type it is: the full timestamp loses
      // least.
      out.writeString(IsoTimes.timestamp(instant.getTime()));
    } else {
      throw unsupported(value);
    }
  }

  private static void writeContainer(JsonGenerator out, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      writeEntries(out, null, null, map);
    } else {
      writeElements(out, null, (Collection<?>) value);
    }
  }

  private static void writeStruct(JsonGenerator out, Struct struct) throws IOException {
    out.writeStartObject();
    for (Field field : struct.schema().fields()) {
      out.writeFieldName(field.name());
      try {
        // Struct.get applies the field's default to a null, as Connect's JsonConverter does.
        write(out, field.schema(), struct.get(field));
      } catch (DataConversionException e) {
        throw e.under(field.name());
      }
    }
    out.writeEndObject();
  }

  private static void writeArray(JsonGenerator out, Schema elementSchema, Object value, Schema own)
      throws IOException {
    if (value instanceof Collection<?> elements) {
      writeElements(out, elementSchema, elements);
    } else if (value instanceof Object[] array) {
      writeElements(out, elementSchema, List.of(array));
    } else {
      throw mismatch(own, value);
    }
  }

  private static void writeElements(JsonGenerator out, Schema elementSchema, Collection<?> values)
      throws IOException {
    out.writeStartArray();
    int index = 0;
    for (Object element : values) {
      try {
        write(out, elementSchema, element);
      } catch (DataConversionException e) {
        throw e.under("[" + index + "]");
      }
      index++;
    }
    out.writeEndArray();
  }

  private static void writeMap(
      JsonGenerator out, Schema keySchema, Schema valueSchema, Object value, Schema own)
      throws IOException {
    if (!(value instanceof Map<?, ?> map)) {
      throw mismatch(own, value);
    }
    writeEntries(out, keySchema, valueSchema, map);
  }

  private static void writeEntries(
      JsonGenerator out, Schema keySchema, Schema valueSchema, Map<?, ?> map) throws IOException {
    out.writeStartObject();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String name = KeyText.mapKey(keySchema, entry.getKey());
      out.writeFieldName(name);
      try {
        write(out, valueSchema, entry.getValue());
      } catch (DataConversionException e) {
        throw e.under(name);
      }
    }
    out.writeEndObject();
  }

  private static void writeBytes(JsonGenerator out, Schema schema, Object value)
      throws IOException {
    if (value instanceof byte[] bytes) {
      // Jackson's default Base64 variant: the standard alphabet with padding, no line feeds.
      out.writeBinary(bytes);
    } else if (value instanceof ByteBuffer buffer && buffer.hasArray()) {
      out.writeBinary(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    } else if (value instanceof ByteBuffer buffer) {
      out.writeBinary(KeyText.remainingBytes(buffer));
    } else {
      throw mismatch(schema, value);
    }
  }

  private static Number number(Schema schema, Object value) {
    return expect(Number.class, schema, value);
  }

  private static <T> T expect(Class<T> type, Schema schema, Object value) {
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw mismatch(schema, value);
  }

  private static DataConversionException mismatch(Schema schema, Object value) {
    String expected = schema == null ? "BYTES" : describe(schema);
    return new DataConversionException(
        "schema " + expected + " does not fit a value of type " + value.getClass().getName());
  }

  private static String describe(Schema schema) {
    return schema.name() == null ? schema.type().toString() : schema.type() + " " + schema.name();
  }

  static DataConversionException unsupported(Object value) {
    return new DataConversionException(
        "values of type "
            + value.getClass().getName()
            + " cannot be converted: Connect data is Struct, Map, List, String, byte[],"
            + " ByteBuffer, Boolean, Byte, Short, Integer, Long, Float, Double, BigDecimal or Date");
  }
}
