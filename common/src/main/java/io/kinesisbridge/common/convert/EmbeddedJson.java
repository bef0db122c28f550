package io.kinesisbridge.common.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Recognises text (or UTF-8 bytes) that already is JSON, so a sink can embed it as JSON instead of
 * quoting it again: the one rule behind "values that are JSON stay JSON" in the Firehose {@code
 * json} format and in the record envelope.
 *
 * <p>The rule: after optional surrounding whitespace, exactly one strict JSON object or array (no
 * comments, single quotes, NaN or trailing text). Scalars do not count: {@code 42} or {@code "x"}
 * as text stay text, so a string column never turns into a number. The result is the document on
 * one line: its line breaks and tabs are dropped, which in valid JSON can only be whitespace
 * between tokens (inside strings they must be escaped), so nothing else changes.
 *
 * <p>Whitespace means JSON's own (space, tab, line feed, carriage return), for text and bytes
 * alike. Text that no JSON writer can carry verbatim stays text: an unpaired UTF-16 surrogate, or a
 * document nested deeper than Jackson's limit of 1,000 levels.
 */
public final class EmbeddedJson {

  // Strict by default: no comments, single quotes, NaN or unescaped control characters.
  private static final JsonFactory STRICT = JsonFactory.builder().build();

  private EmbeddedJson() {}

  /** The text as one line when it is exactly one JSON object or array, else null. */
  public static String oneLine(String text) {
    String trimmed = withoutJsonWhitespaceAround(text);
    if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
      return null;
    }
    if (hasUnpairedSurrogate(trimmed) || !isOneJsonDocument(trimmed)) {
      return null;
    }
    return withoutLineBreaks(trimmed);
  }

  /**
   * The bytes as one line of JSON text when they are valid UTF-8 holding exactly one JSON object or
   * array, else null. Binary data is turned away by its first byte, before any decoding.
   */
  public static String oneLine(byte[] bytes) {
    if (!startsLikeContainer(bytes)) {
      return null;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException notUtf8) {
      return null;
    }
    return oneLine(text);
  }

  private static boolean startsLikeContainer(byte[] bytes) {
    for (byte b : bytes) {
      if (isJsonWhitespace((char) b)) {
        continue;
      }
      return b == '{' || b == '[';
    }
    return false;
  }

  private static boolean isJsonWhitespace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static String withoutJsonWhitespaceAround(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isJsonWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && isJsonWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /** A lone surrogate, which a JSON writer refuses as raw text, though it can quote it. */
  private static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
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
