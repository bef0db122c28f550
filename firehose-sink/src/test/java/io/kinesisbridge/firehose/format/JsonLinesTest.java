package io.kinesisbridge.firehose.format;

import io.kinesisbridge.common.connect.RecordOrigin;
import io.kinesisbridge.common.convert.RecordPayload;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesTest {

  private final RecordPayload json = PayloadFormats.named("json", RecordDelimiter.parse("\\n"));

  private String write(Schema schema, Object value) {
    SinkRecord record = new SinkRecord("t", 0, null, null, schema, value, 0L);
    return new String(json.payloadOf(record, RecordOrigin.of(record)), StandardCharsets.UTF_8);
  }

  private static final Schema ADDRESS =
      SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).build();
  private static final Schema ORDER =
      SchemaBuilder.struct()
          .field("id", Schema.INT64_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .field("total", Decimal.schema(2))
          .field("at", Timestamp.SCHEMA)
          .field("address", ADDRESS)
          .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
          .build();

  @Test
  void aStructBecomesOneJsonObjectWithNestedValuesNullsAndLogicalTypes() {
    Struct order =
        new Struct(ORDER)
            .put("id", 7L)
            .put("note", null)
            .put("total", new BigDecimal("12.30"))
            .put("at", new Date(1_709_300_730_250L))
            .put("address", new Struct(ADDRESS).put("city", "Oslo"))
            .put("tags", List.of("a", "b"));

    assertThat(write(ORDER, order))
        .isEqualTo(
            "{\"id\":7,\"note\":null,\"total\":12.30,\"at\":\"2024-03-01T13:45:30.250Z\","
                + "\"address\":{\"city\":\"Oslo\"},\"tags\":[\"a\",\"b\"]}");
  }

  @Test
  void aSchemalessMapBecomesAJsonObjectInItsOwnOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("a", Map.of("x", true));
    map.put("n", null);

    assertThat(write(null, map)).isEqualTo("{\"b\":1,\"a\":{\"x\":true},\"n\":null}");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"a\":1}", "[1,2]", "  {\"a\": [1, {\"b\": \"c\"}]}  "})
  void aStringThatAlreadyHoldsAJsonObjectOrArrayIsNotQuotedAgain(String text) {
    assertThat(write(Schema.STRING_SCHEMA, text)).isEqualTo(text.strip());
  }

  @Test
  void prettyPrintedJsonInAStringLosesItsLineBreaksButNothingInsideItsStrings() {
    String pretty = "{\n\t\"text\": \"a\\nb\",\r\n\t\"n\": 1\n}";

    assertThat(write(Schema.STRING_SCHEMA, pretty)).isEqualTo("{\"text\": \"a\\nb\",\"n\": 1}");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plain text", "42", "{not json}", "{\"a\":1} trailing", "[1,2", "\"q\""})
  void anyOtherStringBecomesAJsonString(String text) {
    String written = write(Schema.STRING_SCHEMA, text);

    assertThat(written).startsWith("\"").endsWith("\"");
    assertThat(written).doesNotContain("\n");
  }

  @Test
  void bytesAreConnectBytesAndBecomeBase64() {
    assertThat(write(Schema.BYTES_SCHEMA, "{}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("\"e30=\"");
  }
}
