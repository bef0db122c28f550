package io.kinesisbridge.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kinesisbridge.common.testing.FakeSinkTaskContext;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** kinesis.payload.format=envelope through a whole task on the fake Kinesis. */
class EnvelopeFormatTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TopicPartition P0 = new TopicPartition("events", 0);

  private final KinesisSinkTask task = new KinesisSinkTask();
  private FakeSinkTaskContext context;

  @AfterEach
  void stopTask() {
    task.stop();
  }

  private void start(FakeKinesis kinesis, boolean withDlq) {
    start(kinesis, withDlq, Map.of());
  }

  private void start(FakeKinesis kinesis, boolean withDlq, Map<String, String> overrides) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "unit");
    props.put("kinesis.stream.name", "stream");
    props.put("aws.region", "us-east-1");
    props.put("kinesis.linger.ms", "1");
    props.put("kinesis.payload.format", "envelope");
    props.putAll(overrides);
    context = new FakeSinkTaskContext(withDlq, P0);
    task.initialize(context);
    task.start(new KinesisSinkConfig(props), kinesis);
  }

  private static SinkRecord record(long offset, Object value) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("n", Long.toString(offset));
    return new SinkRecord(
        "events", 0, Schema.STRING_SCHEMA, "key-" + offset, null, value, offset, 5L, null, headers);
  }

  private long committed() {
    OffsetAndMetadata offset = task.preCommit(Map.of(P0, new OffsetAndMetadata(0))).get(P0);
    return offset == null ? -1 : offset.offset();
  }

  private static List<JsonNode> envelopes(FakeKinesis kinesis) throws IOException {
    List<JsonNode> envelopes = new ArrayList<>();
    synchronized (kinesis) {
      for (List<PutRecordsRequestEntry> shard : kinesis.stored.values()) {
        for (PutRecordsRequestEntry entry : shard) {
          envelopes.add(MAPPER.readTree(entry.data().asByteArray()));
        }
      }
    }
    envelopes.sort(Comparator.comparingLong(e -> e.get("offset").asLong()));
    return envelopes;
  }

  @Test
  void withSendATombstoneArrivesAsAnEnvelopeWithANullValue() throws IOException {
    FakeKinesis kinesis = new FakeKinesis("stream", 1, 1024 * 1024);
    start(kinesis, false, Map.of("kinesis.null.value.behavior", "send"));

    task.put(List.of(record(0, "{\"n\":0}"), record(1, null), record(2, "{\"n\":2}")));

    eventually(() -> committed() == 3);
    List<JsonNode> envelopes = envelopes(kinesis);
    assertThat(envelopes).extracting(e -> e.get("offset").asLong()).containsExactly(0L, 1L, 2L);
    assertThat(envelopes.get(1).get("key").asText()).isEqualTo("key-1");
    assertThat(envelopes.get(1).get("value").isNull()).as("the tombstone's value").isTrue();
  }

  @Test
  void byDefaultATombstoneIsSkippedAndItsOffsetCommits() throws IOException {
    FakeKinesis kinesis = new FakeKinesis("stream", 1, 1024 * 1024);
    start(kinesis, false);

    task.put(List.of(record(0, "{\"n\":0}"), record(1, null)));

    eventually(() -> committed() == 2);
    assertThat(envelopes(kinesis)).extracting(e -> e.get("offset").asLong()).containsExactly(0L);
  }

  @Test
  void everyRecordArrivesAsAnEnvelopeWithItsKeyHeadersAndCoordinates() throws IOException {
    FakeKinesis kinesis = new FakeKinesis("stream", 2, 1024 * 1024);
    start(kinesis, false);
    List<SinkRecord> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(record(i, i % 2 == 0 ? "{\"n\":" + i + "}" : new byte[] {(byte) i, 0}));
    }

    task.put(batch);

    eventually(() -> committed() == 50);
    List<JsonNode> envelopes = envelopes(kinesis);
    assertThat(envelopes).hasSize(50);
    for (int i = 0; i < 50; i++) {
      JsonNode envelope = envelopes.get(i);
      assertThat(envelope.get("topic").asText()).isEqualTo("events");
      assertThat(envelope.get("partition").asInt()).isZero();
      assertThat(envelope.get("offset").asLong()).isEqualTo(i);
      assertThat(envelope.get("key").asText()).isEqualTo("key-" + i);
      assertThat(envelope.get("headers").get(0).get("value").asText()).isEqualTo("" + i);
      if (i % 2 == 0) {
        assertThat(envelope.get("value").get("n").asInt()).isEqualTo(i);
      } else {
        assertThat(envelope.get("value").binaryValue()).containsExactly(i, 0);
        assertThat(envelope.get("valueEncoding").asText()).isEqualTo("base64");
      }
    }
  }

  @Test
  void aRecordWhoseEnvelopeIsTooLargeGoesToTheDeadLetterQueueThoughItsValueWouldFit()
      throws IOException {
    FakeKinesis kinesis = new FakeKinesis("stream", 1, 1000);
    start(kinesis, true);
    // 700 bytes fit a 1000-byte record as they are, but not as 936 base64 characters plus the
    // rest of the envelope.
    List<SinkRecord> batch = List.of(record(0, "small"), record(1, new byte[700]), record(2, "x"));

    task.put(batch);

    eventually(() -> committed() == 3);
    assertThat(context.reported).hasSize(1);
    assertThat(context.reported.get(0).record().kafkaOffset()).isEqualTo(1);
    assertThat(context.reported.get(0).reason())
        .hasMessageContaining("maximum record size of 1000");
    assertThat(envelopes(kinesis))
        .extracting(e -> e.get("offset").asLong())
        .containsExactly(0L, 2L);
  }

  @Test
  void withoutADeadLetterQueueAnOversizedEnvelopeFailsTheTaskWithItsReason() {
    start(new FakeKinesis("stream", 1, 1000), false);

    assertThatThrownBy(() -> task.put(List.of(record(0, new byte[700]))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("events-0@0")
        .hasMessageContaining("errors.tolerance=all");
  }

  private static void eventually(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition within 10 s").isBefore(deadline);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
