package io.kinesisbridge.testkit.firehose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A control-plane request body read into plain maps, lists, strings, numbers and booleans. The
 * control plane looks at a few nested members of requests that are small, so a generic tree (with
 * jackson-core only) is simpler than a streaming reader per operation.
 */
final class JsonBody {

  static final JsonFactory FACTORY = new JsonFactory();

  private JsonBody() {}

  /** The top-level object of {@code body}; an empty body is an empty request. */
  static Map<String, Object> parse(byte[] body) {
    if (body.length == 0) {
      return Map.of();
    }
    try (JsonParser parser = FACTORY.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw FirehoseError.serialization("The request body is not a JSON object.");
      }
      return readObject(parser);
    } catch (JsonProcessingException e) {
      throw FirehoseError.serialization(e.getOriginalMessage());
    } catch (IOException e) {
      // Parsing a byte array does no I/O; Jackson declares it for streams.
      throw FirehoseError.serialization(String.valueOf(e.getMessage()));
    }
  }

  /** A nested object, or an empty map when absent or not an object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<String, Object> parent, String member) {
    Object value = parent.get(member);
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** A string member, or null when absent or not a string. */
  static String text(Map<String, Object> parent, String member) {
    return parent.get(member) instanceof String text ? text : null;
  }

  /** An integer member, or {@code fallback} when absent. */
  static int integer(Map<String, Object> parent, String member, int fallback) {
    Object value = parent.get(member);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number) {
      return number.intValue();
    }
    throw FirehoseError.serialization("Member " + member + " is not a number: " + value);
  }

  private static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      Object value = readValue(parser);
      if (value != null) {
        object.put(name, value);
      }
    }
    return Collections.unmodifiableMap(object);
  }

  private static Object readValue(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> readArray(parser);
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
      default -> null;
    };
  }

  private static List<Object> readArray(JsonParser parser) throws IOException {
    List<Object> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(readValue(parser));
    }
    return list;
  }
}
