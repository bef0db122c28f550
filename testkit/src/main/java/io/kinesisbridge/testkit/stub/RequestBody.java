package io.kinesisbridge.testkit.stub;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a Kinesis request body the stub looks at: top-level scalar fields (StreamName,
 * ShardCount, ...), the blob {@code Data} of PutRecord and the {@code Records} of PutRecords.
 * Nested structures it does not need are skipped, so requests from newer SDKs still parse.
 *
 * @param fields top-level scalars as text
 * @param data top-level {@code Data} (PutRecord), or null
 * @param records the {@code Records} entries (PutRecords), or null when absent
 */
record RequestBody(Map<String, String> fields, byte[] data, List<Entry> records) {

  /**
   * One PutRecords entry as sent; null members are kept so validation can name them.
   *
   * @param partitionKey the partition key, or null when missing
   * @param explicitHashKey the explicit hash key, or null
   * @param data the record data, or null when missing
   */
  record Entry(String partitionKey, String explicitHashKey, byte[] data) {}

  /** Parses {@code body} in {@code format}; an empty body is an empty request. */
  static RequestBody parse(WireFormat format, byte[] body) {
    Map<String, String> fields = new HashMap<>();
    if (body.length == 0) {
      return new RequestBody(fields, null, null);
    }
    byte[] data = null;
    List<Entry> records = null;
    try (JsonParser parser = format.factory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw serialization("the request body is not an object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (field) {
          case "Records" -> records = parseRecords(parser);
          case "Data" -> data = parser.getBinaryValue();
          default -> {
            if (value.isScalarValue()) {
              fields.put(field, parser.getValueAsString());
            } else {
              parser.skipChildren();
            }
          }
        }
      }
    } catch (JsonProcessingException e) {
      throw serialization(e.getOriginalMessage());
    } catch (IOException e) {
      // Parsing a byte array does no I/O; Jackson declares it for streams.
      throw serialization(e.getMessage());
    }
    return new RequestBody(fields, data, records);
  }

  /** A top-level text field, or null. */
  String field(String name) {
    return fields.get(name);
  }

  /** The stream a request names by {@code StreamName} or {@code StreamARN}, or null. */
  String streamName() {
    String name = fields.get("StreamName");
    if (name != null) {
      return name;
    }
    String arn = fields.get("StreamARN");
    return arn == null ? null : StubStream.nameOf(arn);
  }

  private static List<Entry> parseRecords(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw serialization("Records is not a list");
    }
    List<Entry> records = new ArrayList<>();
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      records.add(parseEntry(parser));
    }
    if (parser.currentToken() != JsonToken.END_ARRAY) {
      throw serialization("Records holds something other than structures");
    }
    return records;
  }

  private static Entry parseEntry(JsonParser parser) throws IOException {
    String partitionKey = null;
    String explicitHashKey = null;
    byte[] data = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "Data" -> data = parser.getBinaryValue();
        case "PartitionKey" -> partitionKey = parser.getValueAsString();
        case "ExplicitHashKey" -> explicitHashKey = parser.getValueAsString();
        default -> parser.skipChildren();
      }
    }
    return new Entry(partitionKey, explicitHashKey, data);
  }

  private static KinesisError serialization(String detail) {
    return new KinesisError("SerializationException", "Cannot read the request: " + detail);
  }
}
