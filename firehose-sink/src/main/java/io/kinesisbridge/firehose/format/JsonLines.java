package io.kinesisbridge.firehose.format;

import io.kinesisbridge.common.convert.ConnectJson;
import io.kinesisbridge.common.convert.EmbeddedJson;
import org.apache.kafka.connect.data.Schema;

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
 *       JSON stay JSON instead of becoming {@code "{\"a\":1}"}, on one line ({@link EmbeddedJson}).
 *       Any other String (plain text, a number, malformed JSON) becomes a JSON string.
 *   <li>{@code byte[]} values are Connect bytes and become a base64 JSON string like everywhere in
 *       {@link ConnectJson}; to pass JSON bytes through untouched use the {@code bytes} format.
 * </ul>
 */
final class JsonLines {

  /** The JSON line of a non-null value, without the delimiter. */
  byte[] payloadOf(Schema schema, Object value) {
    if (value instanceof String text) {
      String embedded = EmbeddedJson.oneLine(text);
      if (embedded != null) {
        return embedded.getBytes(StandardCharsets.UTF_8);
      }
    }
    return ConnectJson.toJsonBytes(schema, value);
  }
}
