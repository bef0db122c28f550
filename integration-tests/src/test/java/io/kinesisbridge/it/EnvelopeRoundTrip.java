package io.kinesisbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The envelope round trip both sink ITs run: records with a string key, three kinds of byte values
 * (a JSON document, binary data, plain text) and repeated headers go in; what comes out of Kinesis
 * or S3 must carry every field of each record, under the coordinates Kafka gave it.
 *
 * <p>The connector runs with {@link #CONVERTERS}: keys as Strings, values and headers as bytes.
 */
final class EnvelopeRoundTrip {

  /** Records per run: enough for several batches, small enough for a few seconds. */
  static final int RECORDS = 300;

  /** Keys as Strings, values and headers as bytes, as the expectations below assume. */
  static final Map<String, String> CONVERTERS =
      Map.of(
          "key.converter", "org.apache.kafka.connect.storage.StringConverter",
          "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
          "header.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long BASE_TIMESTAMP = 1_733_472_000_000L;

  private final String topic;
  private final Map<String, RecordMetadata> landed = new HashMap<>();

  private EnvelopeRoundTrip(String topic) {
    this.topic = topic;
  }

  /** Produces {@link #RECORDS} records round-robin over {@code partitions} partitions. */
  static EnvelopeRoundTrip produce(EmbeddedConnectCluster connect, String topic, int partitions) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      RecordHeaders headers = new RecordHeaders();
      headers.add("trace", utf8("{\"span\":" + i + "}"));
      headers.add("bin", new byte[] {0, (byte) i});
      headers.add("trace", utf8("{\"span\":" + (i + 1000) + "}"));
      records.add(
          new ProducerRecord<>(
              topic, i % partitions, BASE_TIMESTAMP + i, utf8(key(i)), value(i), headers));
    }
    List<RecordMetadata> metadata = TestProducer.sendBytes(connect, records);
    EnvelopeRoundTrip trip = new EnvelopeRoundTrip(topic);
    for (int i = 0; i < RECORDS; i++) {
      trip.landed.put(key(i), metadata.get(i));
    }
    return trip;
  }

  private static String key(int i) {
    return "key-" + i;
  }

  /** A JSON document, binary data or plain text, by {@code i mod 3}. */
  private static byte[] value(int i) {
    return switch (i % 3) {
      case 0 -> utf8("{\"seq\":" + i + ",\n \"kind\":\"json\"}");
      case 1 -> new byte[] {(byte) 0xff, (byte) i, 0};
      default -> utf8("text-" + i);
    };
  }

  /**
   * Checks the payloads that arrived: each an envelope of one produced record with every field as
   * produced; duplicates (at-least-once) are dropped by (topic, partition, offset), as a consumer
   * would, and must be the very same document.
   *
   * @return the number of duplicates dropped
   */
  int assertEveryRecordArrivedWhole(List<String> payloads) {
    Map<String, String> byCoordinates = new HashMap<>();
    int duplicates = 0;
    for (String payload : payloads) {
      JsonNode envelope = parse(payload);
      String coordinates =
          envelope.get("topic").asText()
              + "/"
              + envelope.get("partition").asInt()
              + "@"
              + envelope.get("offset").asLong();
      String earlier = byCoordinates.put(coordinates, payload);
      if (earlier != null) {
        assertThat(payload).as("a duplicate of %s", coordinates).isEqualTo(earlier);
        duplicates++;
        continue;
      }
      assertMatchesWhatWasProduced(envelope);
    }
    assertThat(byCoordinates).as("distinct (topic, partition, offset)").hasSize(RECORDS);
    return duplicates;
  }

  private void assertMatchesWhatWasProduced(JsonNode envelope) {
    String key = envelope.get("key").asText();
    RecordMetadata metadata = landed.get(key);
    assertThat(metadata).as("a produced key: %s", envelope).isNotNull();
    int i = Integer.parseInt(key.substring("key-".length()));
    assertThat(envelope.get("topic").asText()).isEqualTo(topic);
    assertThat(envelope.get("partition").asInt()).as(key).isEqualTo(metadata.partition());
    assertThat(envelope.get("offset").asLong()).as(key).isEqualTo(metadata.offset());
    assertThat(envelope.get("timestamp").asLong()).as(key).isEqualTo(BASE_TIMESTAMP + i);
    assertThat(envelope.has("keyEncoding")).as(key).isFalse();
    JsonNode value = envelope.get("value");
    if (i % 3 == 0) {
      assertThat(envelope.has("valueEncoding")).as(key).isFalse();
      assertThat(value.get("seq").asInt()).as(key).isEqualTo(i);
      assertThat(value.get("kind").asText()).as(key).isEqualTo("json");
    } else {
      assertThat(envelope.get("valueEncoding").asText()).as(key).isEqualTo("base64");
      assertThat(Base64.getDecoder().decode(value.asText())).as(key).isEqualTo(value(i));
    }
    JsonNode headers = envelope.get("headers");
    assertThat(headers.findValuesAsText("key")).as(key).containsExactly("trace", "bin", "trace");
    assertThat(headers.get(0).get("value").get("span").asInt()).as(key).isEqualTo(i);
    assertThat(headers.get(1).get("valueEncoding").asText()).as(key).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode(headers.get(1).get("value").asText()))
        .as(key)
        .containsExactly(0, (byte) i);
    assertThat(headers.get(2).get("value").get("span").asInt()).as(key).isEqualTo(i + 1000);
  }

  private static JsonNode parse(String payload) {
    try {
      return MAPPER.readTree(payload);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON envelope: " + payload, e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
