package io.kinesisbridge.firehose.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesisbridge.common.convert.ConnectJson;
import org.apache.kafka.connect.data.Schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code json} format: each record is one JSON document on one line, as Redshift's {@code COPY
 * ... FORMAT AS JSON 'auto'}, Athena and other JSON-lines readers expect.
 *
 * <ul>
 *   <li>Structs, Maps, arrays, numbers, booleans, bytes (base64) and logical types: {@link
 *       ConnectJson}, without a schema envelope.
 *   <li>A String that holds a JSON object or array (after optional surrounding whitespace) is
 *       written as it is, not quoted again: values from {@code StringConverter} that are already
 *       JSON stay JSON instead of becoming {@code "{\"a\":1}"}. Its line breaks and tabs are
 *       dropped so it stays one line; in valid JSON they can only be whitespace between tokens
 *       (inside strings they must be escaped), so nothing else changes. Any other String (plain
 *       text, a number, malformed JSON) becomes a JSON string.
 *   <li>{@code byte[]} values are Connect bytes and become a base64 JSON string like everywhere in
 *       {@link ConnectJson}; to pass JSON bytes through untouched use the {@code bytes} format.
 * </ul>
 */
final class JsonLines implements PayloadFormat {

  // Strict by default: no comments, single quotes, NaN or unescaped control characters.
  private static final JsonFactory STRICT = JsonFactory.builder().build();

  @Override
  public byte[] payloadOf(Schema schema, Object value) {
    if (value instanceof String text) {
      String embedded = embeddedJson(text);
      if (embedded != null) {
        return embedded.getBytes(StandardCharsets.UTF_8);
      }
    }
    return ConnectJson.toJsonBytes(schema, value);
  }

  /** The text as one line when it is exactly one JSON object or array, else null. */
  static String embeddedJson(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
      return null;
    }
    if (!isOneJsonDocument(trimmed)) {
      return null;
    }
    return withoutLineBreaks(trimmed);
  }

  private static boolean isOneJsonDocument(String text) {
    try (JsonParser parser = STRICT.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException malformed) {
      return false;
    }
  }

  private static String withoutLineBreaks(String json) {
    if (json.indexOf('\n') < 0 && json.indexOf('\r') < 0 && json.indexOf('\t') < 0) {
      return json;
    }
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != '\n' && c != '\r' && c != '\t') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
