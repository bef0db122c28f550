package io.kinesisbridge.common.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kinesisbridge.common.connect.RecordOrigin;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property a consumer relies on: whatever the record holds, decoding its envelope with a plain
 * JSON parser gives back every field. Random records from fixed seeds, so a failure repeats.
 */
class RecordEnvelopePropertyTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int RECORDS = 3_000;
  private static final List<String> HEADER_NAMES = List.of("a", "trace", "b", "content-type");

  /** A generated key, value or header value and how it should read back. */
  private enum Kind {
    NULL,
    TEXT,
    JSON_TEXT,
    BINARY,
    JSON_BYTES,
    INT,
    LONG,
    BOOLEAN,
    MAP
  }

  private record Member(Kind kind, Object value) {}

  @Test
  void decodingTheEnvelopeGivesBackEveryField() throws IOException {
    for (long seed = 1; seed <= RECORDS; seed++) {
      Random random = new Random(seed);
      Member key = member(random);
      Member value = member(random);
      List<Member> headerValues = new ArrayList<>();
      ConnectHeaders headers = new ConnectHeaders();
      int headerCount = random.nextInt(5);
      for (int i = 0; i < headerCount; i++) {
        Member header = member(random);
        headerValues.add(header);
        headers.add(HEADER_NAMES.get(random.nextInt(HEADER_NAMES.size())), header.value(), null);
      }
      String topic = text(random, 1 + random.nextInt(20));
      int partition = random.nextInt(1000);
      long offset = random.nextLong() & Long.MAX_VALUE;
      Long timestamp = random.nextBoolean() ? null : random.nextLong() & Long.MAX_VALUE;
      SinkRecord record =
          new SinkRecord(
              topic,
              partition,
              null,
              key.value(),
              null,
              value.value(),
              offset,
              timestamp,
              TimestampType.CREATE_TIME,
              headers);

      byte[] encoded = RecordEnvelope.encode(record, RecordOrigin.of(record));
      JsonNode envelope = MAPPER.readTree(encoded);

      String seedNote = "seed " + seed;
      assertThat(new String(encoded, StandardCharsets.UTF_8)).as(seedNote).doesNotContain("\n");
      assertThat(envelope.get("topic").asText()).as(seedNote).isEqualTo(topic);
      assertThat(envelope.get("partition").asInt()).as(seedNote).isEqualTo(partition);
      assertThat(envelope.get("offset").asLong()).as(seedNote).isEqualTo(offset);
      if (timestamp == null) {
        assertThat(envelope.get("timestamp").isNull()).as(seedNote).isTrue();
      } else {
        assertThat(envelope.get("timestamp").asLong()).as(seedNote).isEqualTo(timestamp);
      }
      checkMember(seedNote + " key", key, envelope, "key", "keyEncoding");
      checkMember(seedNote + " value", value, envelope, "value", "valueEncoding");
      JsonNode decodedHeaders = envelope.get("headers");
      assertThat(decodedHeaders).as(seedNote).hasSize(headerCount);
      int index = 0;
      for (Header header : headers) {
        JsonNode decoded = decodedHeaders.get(index);
        assertThat(decoded.get("key").asText()).as(seedNote).isEqualTo(header.key());
        checkMember(
            seedNote + " header " + index,
            headerValues.get(index),
            decoded,
            "value",
            "valueEncoding");
        index++;
      }
    }
  }

  private static void checkMember(
      String note, Member member, JsonNode parent, String name, String encodingName)
      throws IOException {
    JsonNode node = parent.get(name);
    JsonNode encoding = parent.get(encodingName);
    assertThat(node).as(note + " present").isNotNull();
    if (member.kind() == Kind.BINARY) {
      assertThat(encoding.asText()).as(note).isEqualTo("base64");
      assertThat(Base64.getDecoder().decode(node.asText())).as(note).isEqualTo(member.value());
      return;
    }
    assertThat(encoding).as(note + " has no encoding").isNull();
    switch (member.kind()) {
      case NULL -> assertThat(node.isNull()).as(note).isTrue();
      case TEXT -> assertThat(node.textValue()).as(note).isEqualTo(member.value());
      case JSON_TEXT ->
          assertThat(node).as(note).isEqualTo(MAPPER.readTree((String) member.value()));
      case JSON_BYTES ->
          assertThat(node).as(note).isEqualTo(MAPPER.readTree((byte[]) member.value()));
      case INT -> assertThat(node.intValue()).as(note).isEqualTo(member.value());
      case LONG -> assertThat(node.longValue()).as(note).isEqualTo(member.value());
      case BOOLEAN -> assertThat(node.booleanValue()).as(note).isEqualTo(member.value());
      case MAP -> assertThat(node).as(note).isEqualTo(MAPPER.valueToTree(member.value()));
      default -> throw new AssertionError(member.kind());
    }
  }

  private static Member member(Random random) throws IOException {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    return switch (kind) {
      case NULL -> new Member(kind, null);
      case TEXT -> new Member(kind, plainText(random));
      case JSON_TEXT -> new Member(kind, jsonText(random));
      case BINARY -> new Member(kind, binary(random));
      case JSON_BYTES -> new Member(kind, jsonText(random).getBytes(StandardCharsets.UTF_8));
      case INT -> new Member(kind, random.nextInt());
      case LONG -> new Member(kind, random.nextLong());
      case BOOLEAN -> new Member(kind, random.nextBoolean());
      case MAP -> new Member(kind, map(random));
    };
  }

  /** Text that is not a JSON object or array, with quotes, escapes and non-ASCII characters. */
  private static String plainText(Random random) {
    String text = text(random, random.nextInt(30));
    String stripped = text.strip();
    return stripped.startsWith("{") || stripped.startsWith("[") ? "x" + text : text;
  }

  /** A JSON object or array, sometimes pretty-printed over several lines. */
  private static String jsonText(Random random) throws IOException {
    Object document =
        random.nextBoolean() ? map(random) : List.of(text(random, 5), random.nextInt());
    return random.nextBoolean()
        ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document)
        : MAPPER.writeValueAsString(document);
  }

  /** Bytes that do not start like JSON, so they can only be base64. */
  private static byte[] binary(Random random) {
    byte[] bytes = new byte[random.nextInt(40)];
    random.nextBytes(bytes);
    if (bytes.length > 0 && " \t\r\n{[".indexOf(bytes[0]) >= 0) {
      bytes[0] = 0;
    }
    return bytes;
  }

  private static Map<String, Object> map(Random random) {
    Map<String, Object> map = new LinkedHashMap<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      map.put("f" + i + text(random, 3), random.nextBoolean() ? random.nextInt() : text(random, 8));
    }
    return map;
  }

  private static String text(Random random, int length) {
    String alphabet = "abcXYZ019 _-\"\\/{}[]:,\n\t\u00e9\u4e2d\ud83d\ude00";
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      int at = random.nextInt(alphabet.length());
      char c = alphabet.charAt(at);
      if (Character.isHighSurrogate(c)) {
        text.append(c).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        text.append(c);
      }
    }
    return text.toString();
  }
}
