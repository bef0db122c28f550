package io.kinesisbridge.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kinesisbridge.firehose.TaskHarness.P0;
import static io.kinesisbridge.firehose.TaskHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** firehose.format=envelope through a whole task on the fake Firehose. */
class EnvelopeFormatTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Schema ITEM =
      SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();

  private static SinkRecord record(long offset, Schema schema, Object value) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("n", Long.toString(offset));
    headers.addBytes("raw", new byte[] {1, 2, 3});
    return new SinkRecord(
        "events",
        0,
        Schema.STRING_SCHEMA,
        "key-" + offset,
        schema,
        value,
        offset,
        5L,
        null,
        headers);
  }

  @Test
  void withSendATombstoneIsAnEnvelopeLineWithANullValue() throws IOException {
    try (TaskHarness harness =
        new TaskHarness()
            .start(
                Map.of("firehose.format", "envelope", "firehose.null.value.behavior", "send"),
                false)) {
      harness.task.put(
          List.of(
              record(0, ITEM, new Struct(ITEM).put("id", 0)),
              record(1, Schema.BYTES_SCHEMA, null)));

      eventually(() -> harness.committed(P0) == 2);
      List<String> lines = harness.deliveredLines("\n");
      assertThat(lines).hasSize(2);
      JsonNode tombstone = MAPPER.readTree(lines.get(1));
      assertThat(tombstone.get("offset").asLong()).isEqualTo(1);
      assertThat(tombstone.get("value").isNull()).isTrue();
    }
  }

  @Test
  void everyRecordIsOneEnvelopeLineFollowedByTheDelimiter() throws IOException {
    try (TaskHarness harness =
        new TaskHarness()
            .start(
                Map.of("firehose.format", "envelope", "firehose.aggregation.enabled", "true"),
                false)) {
      List<SinkRecord> batch = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        batch.add(
            i % 2 == 0
                ? record(i, ITEM, new Struct(ITEM).put("id", i))
                : record(i, Schema.BYTES_SCHEMA, "{\n  \"id\": 1\n}".getBytes()));
      }

      harness.task.put(batch);

      eventually(() -> harness.committed(P0) == 30);
      List<String> lines = harness.deliveredLines("\n");
      assertThat(lines).hasSize(30);
      for (int i = 0; i < 30; i++) {
        JsonNode envelope = MAPPER.readTree(lines.get(i));
        assertThat(envelope.get("offset").asLong()).isEqualTo(i);
        assertThat(envelope.get("topic").asText()).isEqualTo("events");
        assertThat(envelope.get("key").asText()).isEqualTo("key-" + i);
        assertThat(envelope.get("value").get("id").asInt()).isEqualTo(i % 2 == 0 ? i : 1);
        assertThat(envelope.has("valueEncoding")).isFalse();
        JsonNode raw = envelope.get("headers").get(1);
        assertThat(raw.get("value").binaryValue()).containsExactly(1, 2, 3);
        assertThat(raw.get("valueEncoding").asText()).isEqualTo("base64");
      }
    }
  }

  @Test
  void aRecordWhoseEnvelopeIsTooLargeGoesToTheDeadLetterQueueThoughItsValueWouldFit() {
    // firehose.batch.max.bytes=1024 caps a record at 1024 bytes: 800 bytes fit as they are, but
    // not as 1068 base64 characters.
    Map<String, String> props =
        Map.of("firehose.format", "envelope", "firehose.batch.max.bytes", "1024");
    try (TaskHarness harness = new TaskHarness().start(props, true)) {
      harness.task.put(
          List.of(
              record(0, Schema.STRING_SCHEMA, "small"),
              record(1, Schema.BYTES_SCHEMA, new byte[800]),
              record(2, Schema.STRING_SCHEMA, "x")));

      eventually(() -> harness.committed(P0) == 3);
      assertThat(harness.context.reported).hasSize(1);
      assertThat(harness.context.reported.get(0).record().kafkaOffset()).isEqualTo(1);
      assertThat(harness.context.reported.get(0).reason()).hasMessageContaining("over the limit");
      assertThat(harness.deliveredLines("\n")).hasSize(2);
    }
  }

  @Test
  void withoutADeadLetterQueueAnOversizedEnvelopeFailsTheTask() {
    Map<String, String> props =
        Map.of("firehose.format", "envelope", "firehose.batch.max.bytes", "1024");
    try (TaskHarness harness = new TaskHarness().start(props, false)) {
      assertThatThrownBy(
              () -> harness.task.put(List.of(record(0, Schema.BYTES_SCHEMA, new byte[800]))))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("over the limit");
    }
  }
}
