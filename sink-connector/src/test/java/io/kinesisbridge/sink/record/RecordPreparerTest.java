package io.kinesisbridge.sink.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kinesisbridge.common.convert.RecordPayload;
import io.kinesisbridge.common.kinesis.ShardMap;
import io.kinesisbridge.common.testing.RenamingTransform;
import io.kinesisbridge.sink.key.PartitionKeyStrategy;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordPreparerTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Supplier<ShardMap> NO_SHARD_MAP =
      () -> {
        throw new AssertionError("only spread-partitions asks for the shard map");
      };

  private final RecordPreparer values =
      new RecordPreparer(PartitionKeyStrategy.parse("key"), false, RecordPayload.value());
  private final RecordPreparer envelopes =
      new RecordPreparer(PartitionKeyStrategy.parse("key"), false, RecordPayload.envelope());

  private static SinkRecord record(String key, String value) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("source", "unit");
    return new SinkRecord(
        "orders",
        3,
        Schema.STRING_SCHEMA,
        key,
        Schema.STRING_SCHEMA,
        value,
        77L,
        1000L,
        null,
        headers);
  }

  @Test
  void theValueFormatSendsTheValueBytesAlone() {
    KinesisUserRecord prepared = values.prepare("s", record("k", "hello"), NO_SHARD_MAP, 1000);

    assertThat(new String(prepared.data(), StandardCharsets.UTF_8)).isEqualTo("hello");
  }

  @Test
  void theEnvelopeFormatSendsTheWholeRecordUnderItsOriginalCoordinates() throws IOException {
    SinkRecord renamed = new RenamingTransform("copy-").apply(record("k", "hello"));

    KinesisUserRecord prepared = envelopes.prepare("s", renamed, NO_SHARD_MAP, 1000);

    JsonNode envelope = MAPPER.readTree(prepared.data());
    assertThat(envelope.get("topic").asText()).isEqualTo("orders");
    assertThat(envelope.get("partition").asInt()).isEqualTo(3);
    assertThat(envelope.get("offset").asLong()).isEqualTo(77L);
    assertThat(envelope.get("timestamp").asLong()).isEqualTo(1000L);
    assertThat(envelope.get("key").asText()).isEqualTo("k");
    assertThat(envelope.get("value").asText()).isEqualTo("hello");
    assertThat(envelope.get("headers").get(0).get("value").asText()).isEqualTo("unit");
    assertThat(prepared.partitionKey()).as("the key still picks the shard").isEqualTo("k");
    assertThat(prepared.offset()).isEqualTo(77L);
  }

  @Test
  void theSizeLimitAppliesToTheEnvelopeNotJustTheValue() {
    SinkRecord record = record("k", "x".repeat(150));
    int limit = 200;

    assertThat(values.prepare("s", record, NO_SHARD_MAP, limit).wireSize()).isLessThan(limit);
    assertThatThrownBy(() -> envelopes.prepare("s", record, NO_SHARD_MAP, limit))
        .isInstanceOf(UndeliverableRecordException.class)
        .hasMessageContaining("over the stream's maximum record size of 200");
  }

  @Test
  void aTombstoneBecomesAnEnvelopeWithANullValue() throws IOException {
    KinesisUserRecord prepared = envelopes.prepare("s", record("k", null), NO_SHARD_MAP, 1000);

    assertThat(MAPPER.readTree(prepared.data()).get("value").isNull()).isTrue();
  }

  @Test
  void anUnconvertibleHeaderMakesTheRecordUndeliverableWithItsPosition() {
    SinkRecord record = record("k", "v");
    record.headers().add("bad", new Object(), null);

    assertThatThrownBy(() -> envelopes.prepare("s", record, NO_SHARD_MAP, 1000))
        .isInstanceOf(UndeliverableRecordException.class)
        .hasMessageContaining("headers[1].value");
  }
}
