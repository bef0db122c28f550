package io.kinesisbridge.firehose.format;

import io.kinesisbridge.common.connect.RecordOrigin;
import io.kinesisbridge.common.convert.RecordPayload;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvLinesTest {

  private static String csv(String delimiter, Schema schema, Object value) {
    RecordPayload format = PayloadFormats.named("csv", RecordDelimiter.parse(delimiter));
    SinkRecord record = new SinkRecord("t", 0, null, null, schema, value, 0L);
    return new String(format.payloadOf(record, RecordOrigin.of(record)), StandardCharsets.UTF_8);
  }

  private static String csv(Schema schema, Object value) {
    return csv("\\n", schema, value);
  }

  private static final Schema POINT =
      SchemaBuilder.struct()
          .field("x", Schema.INT32_SCHEMA)
          .field("y", Schema.INT32_SCHEMA)
          .build();
  private static final Schema ROW =
      SchemaBuilder.struct()
          .field("zeta", Schema.STRING_SCHEMA)
          .field("alpha", Schema.OPTIONAL_INT32_SCHEMA)
          .field("empty", Schema.STRING_SCHEMA)
          .field("price", Decimal.schema(2))
          .field("day", Date.SCHEMA)
          .field("raw", Schema.BYTES_SCHEMA)
          .field("point", POINT)
          .field("labels", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
          .field("flag", SchemaBuilder.bool().optional().defaultValue(true).build())
          .build();

  @Test
  void aStructGivesOneColumnPerFieldInSchemaOrderWithNestedValuesAsJson() {
    Struct row =
        new Struct(ROW)
            .put("zeta", "z")
            .put("alpha", null)
            .put("empty", "")
            .put("price", new BigDecimal("1.50"))
            .put("day", new java.util.Date(19_783L * 86_400_000L))
            .put("raw", new byte[] {1, 2, 3})
            .put("point", new Struct(POINT).put("x", 1).put("y", 2))
            .put("labels", Map.of("k", "v"))
            .put("flag", null);

    assertThat(csv(ROW, row))
        .isEqualTo(
            "z,,\"\",1.50,2024-03-01,AQID,\"{\"\"x\"\":1,\"\"y\"\":2}\",\"{\"\"k\"\":\"\"v\"\"}\",true");
  }

  static Stream<Arguments> cellsAndTheirCsv() {
    return Stream.of(
        Arguments.of("plain", "plain"),
        Arguments.of("with, comma", "\"with, comma\""),
        Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""),
        Arguments.of("two\nlines", "\"two\nlines\""),
        Arguments.of("cr\rhere", "\"cr\rhere\""));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("cellsAndTheirCsv")
  void cellsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled(String cell, String expected) {
    assertThat(csv(Schema.STRING_SCHEMA, cell)).isEqualTo(expected);
  }

  @Test
  void aCellHoldingTheRecordDelimiterIsQuotedSoTheRecordCannotEndEarly() {
    assertThat(csv("\\t", Schema.STRING_SCHEMA, "a\tb")).isEqualTo("\"a\tb\"");
    assertThat(csv("|", Schema.STRING_SCHEMA, "a|b")).isEqualTo("\"a|b\"");
  }

  @Test
  void aMapGivesOneColumnPerEntryInKeyOrder() {
    Map<String, Object> map = new HashMap<>();
    map.put("b", 2);
    map.put("c", null);
    map.put("a", List.of(1, 2));

    assertThat(csv(null, map)).isEqualTo("\"[1,2]\",2,");
  }

  @Test
  void aMapWithASchemaFollowsItsValueSchemaAndSortsNumericKeysAsText() {
    Schema schema = SchemaBuilder.map(Schema.INT32_SCHEMA, Decimal.schema(1)).build();
    Map<Integer, BigDecimal> map = new HashMap<>();
    map.put(10, new BigDecimal("1.0"));
    map.put(9, new BigDecimal("2.0"));

    assertThat(csv(schema, map)).isEqualTo("1.0,2.0");
  }

  @Test
  void aListGivesOneColumnPerElementAndOtherValuesOneColumn() {
    assertThat(csv(null, Arrays.asList("a", null, 3))).isEqualTo("a,,3");
    assertThat(csv(Schema.INT64_SCHEMA, 42L)).isEqualTo("42");
  }

  @Test
  void aValueConnectCannotConvertNamesTheColumn() {
    Map<String, Object> map = Map.of("when", new Object());

    assertThatThrownBy(() -> csv(null, map))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("column 'when'");
  }
}
