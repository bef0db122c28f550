package io.kinesisbridge.common.convert;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldPathTest {

  private static final Schema ADDRESS =
      SchemaBuilder.struct()
          .name("com.acme.Address")
          .optional()
          .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
          .field("since", Date.builder().optional().build())
          .build();

  private static final Schema CUSTOMER =
      SchemaBuilder.struct()
          .name("com.acme.Customer")
          .field("id", Schema.INT64_SCHEMA)
          .field("address", ADDRESS)
          .field(
              "attributes",
              SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA)
                  .optional()
                  .build())
          .build();

  private static final Schema ORDER =
      SchemaBuilder.struct().name("com.acme.Order").field("customer", CUSTOMER).build();

  private static Struct order(Struct address, Map<String, String> attributes) {
    return new Struct(ORDER)
        .put(
            "customer",
            new Struct(CUSTOMER)
                .put("id", 7L)
                .put("address", address)
                .put("attributes", attributes));
  }

  @Test
  void parseSplitsOnDotsAndIgnoresSurroundingBlanks() {
    FieldPath path = FieldPath.parse("  customer.address.zip ");

    assertThat(path.names()).containsExactly("customer", "address", "zip");
    assertThat(path.path()).isEqualTo("customer.address.zip");
    assertThat(path).isEqualTo(FieldPath.parse("customer.address.zip")).hasToString(path.path());
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @NullSource
  @ValueSource(strings = {"", "  ", "a..b", ".a", "a.", "."})
  void parseRejectsEmptyNames(String path) {
    assertThatThrownBy(() -> FieldPath.parse(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("e.g. customer.id");
  }

  @Test
  void extractFollowsNestedStructFieldsAndKeepsTheSchema() {
    Struct address = new Struct(ADDRESS).put("zip", "8001");

    Optional<SchemaAndValue> found =
        FieldPath.parse("customer.address.zip").extract(ORDER, order(address, null));

    assertThat(found).get().extracting(SchemaAndValue::value).isEqualTo("8001");
    assertThat(found.get().schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
  }

  @Test
  void extractReadsSchemalessNestedMaps() {
    Map<String, Object> value = Map.of("customer", Map.of("id", 7L, "tags", List.of("a")));

    assertThat(FieldPath.parse("customer.id").extract(value)).contains(7L);
    assertThat(FieldPath.parse("customer.tags").extract(value)).contains(List.of("a"));
  }

  @Test
  void extractCrossesFromStructsIntoMapsAndBack() {
    Struct order = order(null, Map.of("tier", "gold"));
    Schema inner = SchemaBuilder.struct().field("n", Schema.INT32_SCHEMA).build();
    Map<String, Object> outer = Map.of("s", new Struct(inner).put("n", 5));

    assertThat(FieldPath.parse("customer.attributes.tier").extract(ORDER, order))
        .get()
        .isEqualTo(new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, "gold"));
    assertThat(FieldPath.parse("s.n").extract(null, outer))
        .get()
        .isEqualTo(new SchemaAndValue(Schema.INT32_SCHEMA, 5));
  }

  @Test
  void aMissingMapKeyANullLeafAndANullStepAreAllEmpty() {
    Struct withoutZip = order(new Struct(ADDRESS), Map.of());
    Struct withoutAddress = order(null, null);

    assertThat(FieldPath.parse("customer.attributes.tier").extract(ORDER, withoutZip)).isEmpty();
    assertThat(FieldPath.parse("customer.address.zip").extract(ORDER, withoutZip)).isEmpty();
    assertThat(FieldPath.parse("customer.address.zip").extract(ORDER, withoutAddress)).isEmpty();
    assertThat(FieldPath.parse("a.b").extract(null, Map.of("x", 1))).isEmpty();
    assertThat(FieldPath.parse("a").extract(null, null)).isEmpty();
  }

  @Test
  void aStructWithoutTheFieldSaysWhichFieldsItHas() {
    FieldPath path = FieldPath.parse("customer.email");

    assertThatThrownBy(() -> path.extract(ORDER, order(null, null)))
        .isInstanceOf(DataConversionException.class)
        .hasMessageContaining("no field 'email'")
        .hasMessageContaining("'customer'")
        .hasMessageContaining("com.acme.Customer")
        .hasMessageContaining("id, address, attributes");
  }

  @Test
  void steppingIntoSomethingThatIsNeitherStructNorMapFails() {
    Map<String, Object> value = Map.of("id", 7L);

    assertThatThrownBy(() -> FieldPath.parse("id.x").extract(null, value))
        .isInstanceOf(DataConversionException.class)
        .hasMessageContaining("cannot read field 'x' of 'id'")
        .hasMessageContaining("java.lang.Long");
    assertThatThrownBy(() -> FieldPath.parse("id").extract(Schema.STRING_SCHEMA, "plain"))
        .isInstanceOf(DataConversionException.class)
        .hasMessageContaining("the top level")
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void numericMapKeysMatchTheirTextLikeInJson() {
    Map<Integer, String> hashed = new HashMap<>(Map.of(3, "three"));
    Map<Integer, String> sorted = new TreeMap<>(Map.of(4, "four"));
    Schema schema = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build();

    assertThat(FieldPath.parse("3").extract(schema, hashed))
        .get()
        .isEqualTo(new SchemaAndValue(Schema.STRING_SCHEMA, "three"));
    assertThat(FieldPath.parse("4").extract(sorted)).contains("four");
    assertThat(FieldPath.parse("5").extract(sorted)).isEmpty();
  }

  @Test
  void aNullFieldWithADefaultFindsTheDefault() {
    Schema schema =
        SchemaBuilder.struct()
            .field("region", SchemaBuilder.string().optional().defaultValue("eu").build())
            .build();

    assertThat(FieldPath.parse("region").extract(new Struct(schema))).contains("eu");
  }

  @Test
  void keyStringsOfScalars() {
    assertThat(FieldPath.toKeyString("as is")).isEqualTo("as is");
    assertThat(FieldPath.toKeyString(42L)).isEqualTo("42");
    assertThat(FieldPath.toKeyString((short) -3)).isEqualTo("-3");
    assertThat(FieldPath.toKeyString(1.5)).isEqualTo("1.5");
    assertThat(FieldPath.toKeyString(true)).isEqualTo("true");
    assertThat(FieldPath.toKeyString(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(FieldPath.toKeyString(null)).isNull();
  }

  @Test
  void keyStringsOfBytesAreStandardBase64WithPadding() {
    byte[] bytes = {(byte) 0xfb, (byte) 0xff};
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, (byte) 0xfb, (byte) 0xff}).position(1);

    assertThat(FieldPath.toKeyString(bytes)).isEqualTo("+/8=");
    assertThat(FieldPath.toKeyString(buffer)).isEqualTo("+/8=");
    assertThat(buffer.position()).isEqualTo(1);
  }

  @Test
  void keyStringsOfStructuredValuesAreCompactJson() {
    Schema schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("x", 1);
    map.put("y", List.of("z"));

    assertThat(FieldPath.toKeyString(new Struct(schema).put("a", 1))).isEqualTo("{\"a\":1}");
    assertThat(FieldPath.toKeyString(map)).isEqualTo("{\"x\":1,\"y\":[\"z\"]}");
    assertThat(FieldPath.toKeyString(List.of(1, "b"))).isEqualTo("[1,\"b\"]");
  }

  @Test
  void keyStringsOfTimesFollowTheirLogicalType() {
    java.util.Date instant = new java.util.Date(1_709_251_200_000L + 1_000L);

    assertThat(FieldPath.toKeyString(instant)).isEqualTo("2024-03-01T00:00:01.000Z");
    assertThat(FieldPath.toKeyString(Date.SCHEMA, new java.util.Date(1_709_251_200_000L)))
        .isEqualTo("2024-03-01");
    assertThat(FieldPath.toKeyString(Time.SCHEMA, new java.util.Date(1_000L)))
        .isEqualTo("00:00:01.000");
    assertThat(FieldPath.toKeyString(Decimal.schema(1), new BigDecimal("2.0"))).isEqualTo("2.0");
  }

  @Test
  void anExtractedDateKeepsItsLogicalTypeForTheKeyString() {
    Struct address = new Struct(ADDRESS).put("since", new java.util.Date(0));
    SchemaAndValue found =
        FieldPath.parse("customer.address.since").extract(ORDER, order(address, null)).get();

    assertThat(FieldPath.toKeyString(found.schema(), found.value())).isEqualTo("1970-01-01");
  }

  @Test
  void keyStringsOfUnsupportedTypesFail() {
    assertThatThrownBy(() -> FieldPath.toKeyString(new Object()))
        .isInstanceOf(DataConversionException.class)
        .hasMessageContaining("java.lang.Object");
  }
}
