package io.kinesisbridge.common.convert;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A dotted path such as {@code customer.address.zip} into a Connect value, and the text form of
 * what it finds.
 *
 * <p>Each name steps into a Struct (by field name, following the field's schema) or a Map (by key).
 * Structs and Maps may be mixed along the way. Names are taken literally and case-sensitively;
 * there is no escaping, so a name cannot contain a dot. Arrays cannot be indexed.
 *
 * <p>Outcomes of {@link #extract(Schema, Object)}:
 *
 * <ul>
 *   <li>the value found, with its schema when the data has one;
 *   <li>empty when the value there is null, when the path passes through a null, or when a Map has
 *       no such key (in JSON an absent member and a null one mean the same);
 *   <li>{@link DataConversionException} when the path cannot fit the data at all: a Struct whose
 *       schema has no such field, or a step into something that is neither Struct nor Map.
 * </ul>
 *
 * <p>A Map key that is a number or boolean matches the name of its text, as in the map's JSON form.
 * Instances are immutable and thread-safe.
 */
public final class FieldPath {

  private static final int MAX_LISTED_FIELDS = 20;

  private final String path;
  private final List<String> names;

  private FieldPath(String path, List<String> names) {
    this.path = path;
    this.names = names;
  }

  /**
   * Parses a dotted path; surrounding blanks are ignored.
   *
   * @throws IllegalArgumentException when the path is empty or has an empty name ({@code a..b},
   *     {@code .a}, {@code a.})
   */
  public static FieldPath parse(String path) {
    String trimmed = path == null ? "" : path.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("a field path must name a field, e.g. customer.id");
    }
    List<String> names = new ArrayList<>();
    int start = 0;
    for (int dot = trimmed.indexOf('.'); dot >= 0; dot = trimmed.indexOf('.', start)) {
      names.add(nonEmptyName(trimmed, trimmed.substring(start, dot)));
      start = dot + 1;
    }
    names.add(nonEmptyName(trimmed, trimmed.substring(start)));
    return new FieldPath(trimmed, List.copyOf(names));
  }

  /** The path as parsed, e.g. {@code customer.id}. */
  public String path() {
    return path;
  }

  /** The field names in order, outermost first. */
  public List<String> names() {
    return names;
  }

  /**
   * The value at this path in {@code root}, with its schema.
   *
   * @param rootSchema the schema of {@code root}, or null for schemaless data (a Struct always
   *     brings its own)
   * @param root a Struct or Map, or null (giving empty)
   * @return the value and its schema (null when schemaless); empty when the value is null or absent
   * @throws DataConversionException when the path does not fit the data
   */
  public Optional<SchemaAndValue> extract(Schema rootSchema, Object root) {
    Schema schema = rootSchema;
    Object current = root;
    for (int i = 0; i < names.size(); i++) {
      if (current == null) {
        return Optional.empty();
      }
      String name = names.get(i);
      if (current instanceof Struct struct) {
        Field field = struct.schema().field(name);
        if (field == null) {
          throw new DataConversionException(noSuchField(name, i, struct.schema()));
        }
        schema = field.schema();
        current = struct.get(field);
      } else if (current instanceof Map<?, ?> map) {
        schema = schema != null && schema.type() == Schema.Type.MAP ? schema.valueSchema() : null;
        current = member(map, name);
      } else {
        throw new DataConversionException(
            "cannot read field '"
                + name
                + "' of "
                + where(i)
                + ": it is a "
                + current.getClass().getName()
                + ", not a Struct or Map");
      }
    }
    return current == null ? Optional.empty() : Optional.of(new SchemaAndValue(schema, current));
  }

  /**
   * The value at this path in schemaless data (or a Struct), without its schema.
   *
   * @see #extract(Schema, Object)
   */
  public Optional<Object> extract(Object root) {
    return extract(null, root).map(SchemaAndValue::value);
  }

  /**
   * The text form of a value for use as a partition key, without schema information.
   *
   * @see #toKeyString(Schema, Object)
   */
  public static String toKeyString(Object value) {
    return KeyText.of(null, value);
  }

  /**
   * The text form of a value for use as a partition key: a String as it is; integers, floating
   * point numbers and booleans in their usual text ({@code 42}, {@code 1.5}, {@code true}); Decimal
   * in plain notation ({@code 12.30}); {@code byte[]} and {@code ByteBuffer} as base64 (standard
   * alphabet, with padding); Timestamp, Date and Time as in {@link ConnectJson}, but unquoted;
   * Struct, Map and List as compact JSON ({@link ConnectJson}); null as null.
   *
   * @param schema the value's schema, or null; only needed to tell a Date or Time from a Timestamp
   * @throws DataConversionException for a type Connect does not define
   */
  public static String toKeyString(Schema schema, Object value) {
    return KeyText.of(schema, value);
  }

  private static String nonEmptyName(String path, String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException(
          "field path '"
              + path
              + "' has an empty name: write names separated by single dots,"
              + " e.g. customer.id");
    }
    return name;
  }

  private static Object member(Map<?, ?> map, String name) {
    try {
      Object value = map.get(name);
      if (value != null) {
        return value;
      }
    } catch (ClassCastException e) {
      // A sorted map of non-string keys refuses a String lookup; the scan below still finds it.
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey();
      if ((key instanceof Number || key instanceof Boolean) && name.equals(key.toString())) {
        return entry.getValue();
      }
    }
    return null;
  }

  private String noSuchField(String name, int index, Schema structSchema) {
    String fields =
        structSchema.fields().stream()
            .limit(MAX_LISTED_FIELDS)
            .map(Field::name)
            .collect(Collectors.joining(", "));
    String more = structSchema.fields().size() > MAX_LISTED_FIELDS ? ", ..." : "";
    String schemaName = structSchema.name() == null ? "" : " (schema " + structSchema.name() + ")";
    return "no field '"
        + name
        + "' in the struct at "
        + where(index)
        + schemaName
        + "; its fields are: "
        + fields
        + more;
  }

  /** Where the i-th step reads from, in words. */
  private String where(int index) {
    return index == 0 ? "the top level" : "'" + String.join(".", names.subList(0, index)) + "'";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldPath that && path.equals(that.path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return path;
  }
}
