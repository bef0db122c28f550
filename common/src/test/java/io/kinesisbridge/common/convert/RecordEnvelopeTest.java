package io.kinesisbridge.common.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kinesisbridge.common.connect.RecordOrigin;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordEnvelopeTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Schema ADDRESS =
      SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).build();

  private static final Schema ORDER =
      SchemaBuilder.struct()
          .field("id", Schema.INT64_SCHEMA)
          .field("total", Decimal.schema(2))
          .field("day", Date.SCHEMA)
          .field("at", Timestamp.SCHEMA)
          .field("address", ADDRESS)
          .field("raw", Schema.BYTES_SCHEMA)
          .build();

  private static SinkRecord record(
      Schema keySchema, Object key, Schema valueSchema, Object value, Headers headers) {
    return new SinkRecord(
        "orders",
        2,
        keySchema,
        key,
        valueSchema,
        value,
        1041L,
        1_733_472_000_000L,
        TimestampType.CREATE_TIME,
        headers);
  }

  private static SinkRecord valueRecord(Schema valueSchema, Object value) {
    return record(Schema.STRING_SCHEMA, "k", valueSchema, value, new ConnectHeaders());
  }

  private static String envelope(SinkRecord record) {
    return new String(
        RecordEnvelope.encode(record, RecordOrigin.of(record)), StandardCharsets.UTF_8);
  }

  private static JsonNode tree(SinkRecord record) throws IOException {
    return MAPPER.readTree(RecordEnvelope.encode(record, RecordOrigin.of(record)));
  }

  @Test
  void aWholeRecordBecomesOneCompactDocumentWithItsMembersInOrder() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("trace-id", "4bf92f35");
    headers.addBytes("sig", new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
    Map<String, Object> value = Map.of("id", 17);

    String json = envelope(record(Schema.STRING_SCHEMA, "order-17", null, value, headers));

    assertThat(json)
        .isEqualTo(
            "{\"topic\":\"orders\",\"partition\":2,\"offset\":1041,\"timestamp\":1733472000000,"
                + "\"key\":\"order-17\",\"value\":{\"id\":17},"
                + "\"headers\":[{\"key\":\"trace-id\",\"value\":\"4bf92f35\"},"
                + "{\"key\":\"sig\",\"value\":\"3q2+7w==\",\"valueEncoding\":\"base64\"}]}");
  }

  @Test
  void theCoordinatesAreWhereTheRecordWasReadNotWhereAnSmtRoutedIt() throws IOException {
    SinkRecord read =
        new SinkRecord(
            "orders", 2, null, "k", null, "v", 1041L, null, TimestampType.NO_TIMESTAMP_TYPE);
    // What RegexRouter does: a new record with another topic (and here another partition too).
    SinkRecord routed = read.newRecord("archive.orders", 0, null, "k", null, "v", read.timestamp());

    JsonNode envelope = tree(routed);

    assertThat(envelope.get("topic").asText()).isEqualTo("orders");
    assertThat(envelope.get("partition").asInt()).isEqualTo(2);
    assertThat(envelope.get("offset").asLong()).isEqualTo(1041L);
  }

  @Test
  void aMissingTimestampIsNull() throws IOException {
    SinkRecord record =
        new SinkRecord("t", 0, null, "k", null, "v", 5L, null, TimestampType.NO_TIMESTAMP_TYPE);

    JsonNode envelope = tree(record);

    assertThat(envelope.has("timestamp")).isTrue();
    assertThat(envelope.get("timestamp").isNull()).isTrue();
  }

  @Test
  void aTombstoneWithoutKeyStillGetsAnEnvelopeWithNullKeyAndValue() throws IOException {
    JsonNode envelope = tree(record(null, null, null, null, new ConnectHeaders()));

    assertThat(envelope.get("key").isNull()).isTrue();
    assertThat(envelope.get("value").isNull()).isTrue();
    assertThat(envelope.has("keyEncoding")).isFalse();
    assertThat(envelope.has("valueEncoding")).isFalse();
    assertThat(envelope.get("headers").isArray()).isTrue();
    assertThat(envelope.get("headers")).isEmpty();
  }

  @Test
  void bytesThatAreNotJsonBecomeBase64MarkedAsSuch() throws IOException {
    byte[] binary = {0, 1, 2, (byte) 0xff, '{'};
    JsonNode envelope =
        tree(
            record(Schema.BYTES_SCHEMA, binary, Schema.BYTES_SCHEMA, binary, new ConnectHeaders()));

    assertThat(envelope.get("value").asText()).isEqualTo("AAEC/3s=");
    assertThat(envelope.get("valueEncoding").asText()).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode(envelope.get("key").asText())).isEqualTo(binary);
    assertThat(envelope.get("keyEncoding").asText()).isEqualTo("base64");
  }

  @Test
  void bytesThatStartLikeJsonButAreNotUtf8OrNotOneDocumentAreBase64() throws IOException {
    byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'};
    byte[] twoDocuments = "{}{}".getBytes(StandardCharsets.UTF_8);

    assertThat(tree(valueRecord(null, notUtf8)).get("valueEncoding").asText()).isEqualTo("base64");
    JsonNode twice = tree(valueRecord(null, twoDocuments));
    assertThat(Base64.getDecoder().decode(twice.get("value").asText())).isEqualTo(twoDocuments);
    assertThat(twice.get("valueEncoding").asText()).isEqualTo("base64");
  }

  @Test
  void jsonBytesAndJsonStringsAreEmbeddedAsJsonOnOneLine() {
    byte[] jsonBytes = "  {\"a\": [1, 2],\n  \"b\": \"x\\ny\"}\n".getBytes(StandardCharsets.UTF_8);
    String jsonText = "[true,\r\n\t{\"c\":null}]";

    assertThat(envelope(valueRecord(Schema.BYTES_SCHEMA, jsonBytes)))
        .contains("\"value\":{\"a\": [1, 2],  \"b\": \"x\\ny\"}")
        .doesNotContain("valueEncoding")
        .doesNotContain("\n");
    assertThat(envelope(valueRecord(Schema.STRING_SCHEMA, jsonText)))
        .contains("\"value\":[true,{\"c\":null}]");
  }

  @Test
  void aByteBufferCountsOnlyItsRemainingBytes() throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 9, 1, 2, 3, 9});
    buffer.position(2).limit(5);

    JsonNode envelope = tree(valueRecord(null, buffer));

    assertThat(Base64.getDecoder().decode(envelope.get("value").asText())).containsExactly(1, 2, 3);
    assertThat(buffer.position()).isEqualTo(2);
  }

  @Test
  void stringsThatAreNotAnObjectOrArrayStayStrings() throws IOException {
    for (String text : List.of("plain text", "42", "\"quoted\"", "true", "{not json", "")) {
      JsonNode value = tree(valueRecord(Schema.STRING_SCHEMA, text)).get("value");

      assertThat(value.isTextual()).as(text).isTrue();
      assertThat(value.asText()).isEqualTo(text);
    }
  }

  @Test
  void structsWithNestedStructsBytesAndLogicalTypesAreJsonAsInTheJsonFormat() {
    Struct order =
        new Struct(ORDER)
            .put("id", 17L)
            .put("total", new BigDecimal("12.30"))
            .put("day", new java.util.Date(19_783L * 86_400_000L))
            .put("at", new java.util.Date(1_709_300_730_250L))
            .put("address", new Struct(ADDRESS).put("city", "Lyon"))
            .put("raw", new byte[] {1, 2});

    String json = envelope(valueRecord(ORDER, order));

    assertThat(json)
        .contains(
            "\"value\":{\"id\":17,\"total\":12.30,\"day\":\"2024-03-01\","
                + "\"at\":\"2024-03-01T13:45:30.250Z\",\"address\":{\"city\":\"Lyon\"},"
                + "\"raw\":\"AQI=\"}")
        .doesNotContain("valueEncoding")
        .contains(ConnectJson.toJsonString(ORDER, order));
  }

  @Test
  void primitiveKeysAndValuesAreJsonScalars() throws IOException {
    JsonNode envelope =
        tree(record(Schema.INT32_SCHEMA, 7, Schema.FLOAT64_SCHEMA, 2.5, new ConnectHeaders()));

    assertThat(envelope.get("key").isInt()).isTrue();
    assertThat(envelope.get("key").asInt()).isEqualTo(7);
    assertThat(envelope.get("value").asDouble()).isEqualTo(2.5);
  }

  @Test
  void everyConnectScalarAndListIsWrittenAsItsJsonFormWithoutAMarker() {
    Object[][] cases = {
      {Schema.INT8_SCHEMA, (byte) -8, "-8"},
      {Schema.INT16_SCHEMA, (short) 300, "300"},
      {Schema.INT32_SCHEMA, 70_000, "70000"},
      {Schema.INT64_SCHEMA, 1L << 40, "1099511627776"},
      {Schema.FLOAT32_SCHEMA, 1.5f, "1.5"},
      {Schema.FLOAT64_SCHEMA, Double.NaN, "\"NaN\""},
      {Schema.BOOLEAN_SCHEMA, false, "false"},
      {SchemaBuilder.array(Schema.STRING_SCHEMA).build(), List.of("a", "{}"), "[\"a\",\"{}\"]"},
      {null, List.of(1, true), "[1,true]"},
      {Decimal.schema(3), new BigDecimal("-0.500"), "-0.500"}
    };
    for (Object[] row : cases) {
      String json = envelope(valueRecord((Schema) row[0], row[1]));

      assertThat(json).as("%s", row[1]).contains("\"value\":" + row[2] + ",\"headers\"");
    }
  }

  @Test
  void headersKeepTheirOrderTheirRepeatsAndTheirTypes() throws IOException {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("b", "first");
    headers.addInt("a", 3);
    headers.addString("b", "second");
    headers.add("empty", null, null);
    headers.addStruct("where", new Struct(ADDRESS).put("city", "Oslo"));
    headers.addString("doc", "{\"x\":1}");

    JsonNode list = tree(record(null, "k", null, "v", headers)).get("headers");

    assertThat(list).hasSize(6);
    assertThat(list.findValuesAsText("key"))
        .containsExactly("b", "a", "b", "empty", "where", "doc");
    assertThat(list.get(0).get("value").asText()).isEqualTo("first");
    assertThat(list.get(1).get("value").asInt()).isEqualTo(3);
    assertThat(list.get(2).get("value").asText()).isEqualTo("second");
    assertThat(list.get(3).get("value").isNull()).isTrue();
    assertThat(list.get(4).get("value").get("city").asText()).isEqualTo("Oslo");
    assertThat(list.get(5).get("value").get("x").asInt()).isEqualTo(1);
  }

  @Test
  void anUnconvertibleHeaderIsReportedWithItsPosition() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("ok", "fine");
    headers.add("bad", new Object(), null);

    assertThatThrownBy(() -> envelope(record(null, "k", null, "v", headers)))
        .isInstanceOf(DataConversionException.class)
        .hasMessageContaining("headers[1].value")
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void anUnconvertibleValueFieldIsReportedUnderValue() {
    assertThatThrownBy(() -> envelope(valueRecord(null, Map.of("f", new Object()))))
        .isInstanceOf(DataConversionException.class)
        .hasMessageContaining("value.f");
  }
}
