package io.kinesisbridge.firehose.format;

import io.kinesisbridge.common.convert.DataConversionException;
import io.kinesisbridge.common.convert.FieldPath;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@code csv} format: each record is one CSV line (RFC 4180), for Redshift's {@code COPY ...
 * FORMAT AS CSV}. No header line: the target table's columns must be in the order below.
 *
 * <p>Columns:
 *
 * <ul>
 *   <li>Struct: one column per field, in the order of the schema's fields.
 *   <li>Map: one column per entry, ordered by the key's text (Java {@code String} order), since a
 *       map's own order is not stable; every record should carry the same keys.
 *   <li>List or array: one column per element, in order.
 *   <li>Anything else (a String, a number, bytes): a line of one column.
 * </ul>
 *
 * <p>Cells: null is an empty field and an empty string is {@code ""}, so the two stay apart;
 * strings as they are; numbers and booleans in their usual text; Decimal in plain notation;
 * Timestamp, Date and Time as ISO-8601 text in UTC (as in the JSON form); bytes as base64; nested
 * Structs, Maps and arrays as compact JSON. A cell is quoted when it holds a comma, a double quote,
 * a CR or LF, or a character of the record delimiter; quotes inside are doubled.
 */
final class CsvLines {

  private final String delimiter;

  /**
   * @param delimiter the record delimiter's characters; cells containing any of them are quoted so
   *     a record never appears to end early
   */
  CsvLines(String delimiter) {
    this.delimiter = delimiter;
  }

  /** The CSV line of a non-null value, without the delimiter. */
  byte[] payloadOf(Schema schema, Object value) {
    StringBuilder line = new StringBuilder(64);
    List<Cell> cells = cells(schema, value);
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      Cell cell = cells.get(i);
      appendCell(line, cell);
    }
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One column's value and schema, and its name for error messages. */
  private record Cell(String column, Schema schema, Object value) {}

  private static List<Cell> cells(Schema schema, Object value) {
    List<Cell> cells = new ArrayList<>();
    if (value instanceof Struct struct) {
      for (Field field : struct.schema().fields()) {
        // Struct.get applies a field's default to a null, as the JSON form does.
        cells.add(new Cell(field.name(), field.schema(), struct.get(field)));
      }
    } else if (value instanceof Map<?, ?> map) {
      Schema keySchema = schema == null ? null : schema.keySchema();
      Schema valueSchema = schema == null ? null : schema.valueSchema();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = keyText(keySchema, entry.getKey());
        cells.add(new Cell(key, valueSchema, entry.getValue()));
      }
      cells.sort((a, b) -> a.column().compareTo(b.column()));
    } else if (value instanceof Collection<?> || value instanceof Object[]) {
      Schema elementSchema = schema == null ? null : schema.valueSchema();
      Collection<?> elements =
          value instanceof Object[] array ? List.of(array) : (Collection<?>) value;
      int index = 0;
      for (Object element : elements) {
        cells.add(new Cell("[" + index++ + "]", elementSchema, element));
      }
    } else {
      cells.add(new Cell("", schema, value));
    }
    return cells;
  }

  private static String keyText(Schema keySchema, Object key) {
    String text = FieldPath.toKeyString(keySchema, key);
    return text == null ? "null" : text;
  }

  private void appendCell(StringBuilder line, Cell cell) {
    if (cell.value() == null) {
      return;
    }
    String text;
    try {
      text = FieldPath.toKeyString(cell.schema(), cell.value());
    } catch (DataConversionException e) {
      String where = cell.column().isEmpty() ? "" : "column '" + cell.column() + "': ";
      throw new DataConversionException(where + e.getMessage(), e);
    }
    if (text.isEmpty()) {
      line.append("\"\"");
    } else if (needsQuotes(text)) {
      line.append('"').append(text.replace("\"", "\"\"")).append('"');
    } else {
      line.append(text);
    }
  }

  private boolean needsQuotes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n' || delimiter.indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }
}
