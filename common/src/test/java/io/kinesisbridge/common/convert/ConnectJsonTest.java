package io.kinesisbridge.common.convert;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectJsonTest {

  private static final Schema ADDRESS =
      SchemaBuilder.struct()
          .name("com.acme.Address")
          .field("city", Schema.STRING_SCHEMA)
          .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  private static final Schema ORDER =
      SchemaBuilder.struct()
          .name("com.acme.Order")
          .field("id", Schema.INT64_SCHEMA)
          .field("paid", Schema.BOOLEAN_SCHEMA)
          .field("address", ADDRESS)
          .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
          .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  private static String json(Schema schema, Object value) {
    return new String(ConnectJson.toJsonBytes(schema, value), StandardCharsets.UTF_8);
  }

  private static Struct order() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("apples", 3);
    counts.put("pears", 0);
    return new Struct(ORDER)
        .put("id", 42L)
        .put("paid", true)
        .put("address", new Struct(ADDRESS).put("city", "Zürich"))
        .put("tags", List.of("a", "b\"c"))
        .put("counts", counts);
  }

  @Test
  void aStructBecomesAnObjectWithFieldsInSchemaOrderAndNestedContainers() {
    assertThat(json(ORDER, order()))
        .isEqualTo(
            "{\"id\":42,\"paid\":true,\"address\":{\"city\":\"Zürich\",\"zip\":null},"
                + "\"tags\":[\"a\",\"b\\\"c\"],\"counts\":{\"apples\":3,\"pears\":0},"
                + "\"note\":null}");
  }

  @Test
  void aStructWithoutAGivenSchemaUsesItsOwn() {
    assertThat(json(null, order())).isEqualTo(json(ORDER, order()));
  }

  @Test
  void aNullFieldWithADefaultTakesTheDefaultLikeJsonConverter() {
    Schema schema =
        SchemaBuilder.struct()
            .field("level", SchemaBuilder.int32().optional().defaultValue(7).build())
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    assertThat(json(schema, new Struct(schema))).isEqualTo("{\"level\":7,\"name\":null}");
  }

  @Test
  void nullBecomesJsonNull() {
    assertThat(json(null, null)).isEqualTo("null");
    assertThat(json(Schema.OPTIONAL_STRING_SCHEMA, null)).isEqualTo("null");
  }

  @Test
  void primitivesFollowTheirSchema() {
    assertThat(json(Schema.INT8_SCHEMA, (byte) -8)).isEqualTo("-8");
    assertThat(json(Schema.INT16_SCHEMA, (short) 300)).isEqualTo("300");
    assertThat(json(Schema.INT32_SCHEMA, 7)).isEqualTo("7");
    assertThat(json(Schema.INT64_SCHEMA, Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    assertThat(json(Schema.FLOAT32_SCHEMA, 1.5f)).isEqualTo("1.5");
    assertThat(json(Schema.FLOAT64_SCHEMA, 0.1)).isEqualTo("0.1");
    assertThat(json(Schema.BOOLEAN_SCHEMA, false)).isEqualTo("false");
    assertThat(json(Schema.STRING_SCHEMA, "a\nb")).isEqualTo("\"a\\nb\"");
  }

  @Test
  void notANumberBecomesAString() {
    assertThat(json(Schema.FLOAT64_SCHEMA, Double.NaN)).isEqualTo("\"NaN\"");
    assertThat(json(null, Double.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
  }

  @Test
  void bytesBecomeStandardBase64WithPadding() {
    byte[] bytes = {(byte) 0xfb, (byte) 0xff, 0x01, 0x02};

    assertThat(json(Schema.BYTES_SCHEMA, bytes)).isEqualTo("\"+/8BAg==\"");
    assertThat(json(null, bytes)).isEqualTo("\"+/8BAg==\"");
  }

  @Test
  void aByteBufferContributesItsRemainingBytesAndKeepsItsPosition() {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, (byte) 0xfb, (byte) 0xff, 0x01, 0x02, 9});
    buffer.position(1).limit(5);
    ByteBuffer direct = ByteBuffer.allocateDirect(4).put(new byte[] {(byte) 0xfb, -1, 1, 2});
    direct.flip();

    assertThat(json(Schema.BYTES_SCHEMA, buffer.slice())).isEqualTo("\"+/8BAg==\"");
    assertThat(json(null, buffer)).isEqualTo("\"+/8BAg==\"");
    assertThat(json(null, direct)).isEqualTo("\"+/8BAg==\"");
    assertThat(buffer.position()).isEqualTo(1);
    assertThat(direct.position()).isZero();
  }

  @ParameterizedTest(name = "Decimal {0} with scale {1} is written as {2}")
  @CsvSource({
    "12.30, 2, 12.30",
    "-0.001, 3, -0.001",
    "123456789012345678901234567890.123456789, 9, 123456789012345678901234567890.123456789",
    "1E+3, 0, 1000",
    "0, 0, 0"
  })
  void decimalsAreExactJsonNumbers(String value, int scale, String expected) {
    BigDecimal decimal = new BigDecimal(value).setScale(scale);

    assertThat(json(Decimal.schema(scale), decimal)).isEqualTo(expected);
    assertThat(json(null, decimal)).isEqualTo(expected);
  }

  @Test
  void decimalsSurviveAJsonParserDigitForDigit() throws Exception {
    BigDecimal decimal = new BigDecimal("98765432109876543210.0123456789");
    byte[] bytes = ConnectJson.toJsonBytes(Decimal.schema(10), decimal);

    ObjectMapper exact =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    assertThat(exact.readTree(bytes).decimalValue()).isEqualTo(decimal);
  }

  @Test
  void timeLogicalTypesBecomeIsoStringsInUtc() {
    long millis = 1_709_300_730_250L; // 2024-03-01T13:45:30.250Z
    java.util.Date midnight = new java.util.Date(1_709_251_200_000L);
    java.util.Date timeOfDay = new java.util.Date(49_530_250L);

    assertThat(json(Timestamp.SCHEMA, new java.util.Date(millis)))
        .isEqualTo("\"2024-03-01T13:45:30.250Z\"");
    assertThat(json(Date.SCHEMA, midnight)).isEqualTo("\"2024-03-01\"");
    assertThat(json(Time.SCHEMA, timeOfDay)).isEqualTo("\"13:45:30.250\"");
    assertThat(json(null, new java.util.Date(millis))).isEqualTo("\"2024-03-01T13:45:30.250Z\"");
  }

  @ParameterizedTest(name = "{0} ms is {1}")
  @CsvSource({
    "0, 1970-01-01T00:00:00.000Z",
    "-1, 1969-12-31T23:59:59.999Z",
    "-62135596800000, 0001-01-01T00:00:00.000Z",
    "253402300799999, 9999-12-31T23:59:59.999Z",
    "253402300800000, +10000-01-01T00:00:00.000Z",
    "-62167219200001, -0001-12-31T23:59:59.999Z"
  })
  void timestampsAreIsoAtTheEdgesOfTheCalendarToo(long millis, String expected) {
    assertThat(json(Timestamp.SCHEMA, new java.util.Date(millis)))
        .isEqualTo("\"" + expected + "\"");
  }

  @Test
  void logicalTypesInsideStructsArraysAndMaps() {
    Schema schema =
        SchemaBuilder.struct()
            .field("amount", Decimal.builder(2).optional().build())
            .field("days", SchemaBuilder.array(Date.SCHEMA).build())
            .field("at", SchemaBuilder.map(Schema.STRING_SCHEMA, Timestamp.SCHEMA).build())
            .build();
    Struct struct =
        new Struct(schema)
            .put("days", List.of(new java.util.Date(0)))
            .put("at", Map.of("x", new java.util.Date(1000)));

    assertThat(json(schema, struct))
        .isEqualTo(
            "{\"amount\":null,\"days\":[\"1970-01-01\"],"
                + "\"at\":{\"x\":\"1970-01-01T00:00:01.000Z\"}}");
  }

  @Test
  void mapKeysThatAreNotStringsAreStringified() {
    Schema intKeys = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build();
    Map<Object, Object> numbers = new LinkedHashMap<>();
    numbers.put(1, "one");
    numbers.put(-2, "minus two");
    Map<Object, Object> mixed = new LinkedHashMap<>();
    mixed.put(true, 1);
    mixed.put(2.5, 2);
    mixed.put(new byte[] {1, 2, 3}, 3);
    mixed.put(null, 4);
    mixed.put(List.of(1, 2), 5);

    assertThat(json(intKeys, numbers)).isEqualTo("{\"1\":\"one\",\"-2\":\"minus two\"}");
    assertThat(json(null, mixed))
        .isEqualTo("{\"true\":1,\"2.5\":2,\"AQID\":3,\"null\":4,\"[1,2]\":5}");
  }

  @Test
  void structuredMapKeysBecomeCompactJsonNames() {
    Schema key = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    Schema schema = SchemaBuilder.map(key, Schema.STRING_SCHEMA).build();

    assertThat(json(schema, Map.of(new Struct(key).put("id", 1), "x")))
        .isEqualTo("{\"{\\\"id\\\":1}\":\"x\"}");
  }

  @Test
  void schemalessMapsAndListsNestFreely() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("n", 1L);
    inner.put("f", 2.5);
    inner.put("none", null);
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("list", Arrays.asList(inner, List.of(), "s", null, false));
    outer.put("array", new Object[] {1, "two"});
    outer.put("empty", Map.of());

    assertThat(json(null, outer))
        .isEqualTo(
            "{\"list\":[{\"n\":1,\"f\":2.5,\"none\":null},[],\"s\",null,false],"
                + "\"array\":[1,\"two\"],\"empty\":{}}");
  }

  @Test
  void aTopLevelStringIsAQuotedJsonString() {
    assertThat(json(Schema.STRING_SCHEMA, "héllo")).isEqualTo("\"héllo\"");
    assertThat(ConnectJson.toJsonString(null, "x")).isEqualTo("\"x\"");
  }

  @Test
  void anUnsupportedTypeNamesItsClassAndWhereItSits() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("a", Map.of("b", Arrays.asList(1, new StringBuilder("x"))));

    assertThatThrownBy(() -> ConnectJson.toJsonBytes(null, value))
        .isInstanceOf(DataConversionException.class)
        .hasMessageContaining("field 'a.b[1]'")
        .hasMessageContaining("java.lang.StringBuilder")
        .satisfies(e -> assertThat(((DataConversionException) e).path()).isEqualTo("a.b[1]"));
  }

  @Test
  void aTopLevelUnsupportedTypeHasAnEmptyPath() {
    assertThatThrownBy(() -> ConnectJson.toJsonBytes(null, new Object()))
        .isInstanceOf(DataConversionException.class)
        .hasMessageStartingWith("values of type java.lang.Object cannot be converted")
        .satisfies(e -> assertThat(((DataConversionException) e).path()).isEmpty());
  }

  @Test
  void aValueThatDoesNotFitItsSchemaIsRejected() {
    Schema schema = SchemaBuilder.struct().field("n", Schema.INT32_SCHEMA).build();
    Map<String, Object> notAStruct = Map.of("n", 1);

    assertThatThrownBy(() -> ConnectJson.toJsonBytes(Schema.INT32_SCHEMA, "7"))
        .isInstanceOf(DataConversionException.class)
        .hasMessageContaining("INT32")
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> ConnectJson.toJsonBytes(schema, notAStruct))
        .hasMessageContaining("STRUCT");
    assertThatThrownBy(() -> ConnectJson.toJsonBytes(Decimal.schema(2), 1.5))
        .hasMessageContaining(Decimal.LOGICAL_NAME)
        .hasMessageContaining("java.lang.Double");
  }

  @Test
  void aMapKeyThatCannotBeConvertedFailsToo() {
    Map<Object, Object> value = Map.of(new Object(), 1);

    assertThatThrownBy(() -> ConnectJson.toJsonBytes(null, value))
        .isInstanceOf(DataConversionException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void aLargeValueThenASmallOneBothConvert() {
    String big = "x".repeat(200_000);

    assertThat(ConnectJson.toJsonBytes(null, List.of(big))).hasSize(big.length() + 4);
    assertThat(json(null, List.of(1))).isEqualTo("[1]");
  }

  @Test
  void aFailedConversionLeavesNothingBehindForTheNextOne() {
    assertThatThrownBy(() -> ConnectJson.toJsonBytes(null, List.of("half", new Object())))
        .isInstanceOf(DataConversionException.class);

    assertThat(json(null, List.of("whole"))).isEqualTo("[\"whole\"]");
  }

  @Test
  void manyThreadsConvertingAtOnceGetTheirOwnResults() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        long id = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    Map<Object, Object> value = Map.of(List.of(id, i), id * i);
                    String expected = "{\"[" + id + "," + i + "]\":" + id * i + "}";
                    if (!json(null, value).equals(expected)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
