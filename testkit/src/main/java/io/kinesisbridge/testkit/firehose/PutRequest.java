package io.kinesisbridge.testkit.firehose;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a PutRecord or PutRecordBatch body the endpoint looks at, read with the streaming
 * parser so each record's base64 {@code Data} is decoded straight into bytes (a batch can carry 4
 * MiB of data). Members it does not know are skipped, so requests from newer SDKs still parse.
 *
 * @param streamName {@code DeliveryStreamName}, or null when missing
 * @param records the decoded {@code Data} of each record (a null element for a record without one),
 *     or null when the request carries no {@code Records} (PutRecordBatch) or no {@code Record}
 *     (PutRecord)
 */
record PutRequest(String streamName, List<byte[]> records) {

  /** Reads a PutRecordBatch body: {@code {"DeliveryStreamName":..,"Records":[{"Data":..}]}}. */
  static PutRequest batch(byte[] body) {
    return parse(body, "Records");
  }

  /** Reads a PutRecord body: {@code {"DeliveryStreamName":..,"Record":{"Data":..}}}. */
  static PutRequest single(byte[] body) {
    return parse(body, "Record");
  }

  private static PutRequest parse(byte[] body, String recordsMember) {
    String streamName = null;
    List<byte[]> records = null;
    try (JsonParser parser = JsonBody.FACTORY.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw FirehoseError.serialization("The request body is not a JSON object.");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String member = parser.currentName();
        JsonToken value = parser.nextToken();
        if (member.equals("DeliveryStreamName") && value == JsonToken.VALUE_STRING) {
          streamName = parser.getText();
        } else if (member.equals(recordsMember) && value == JsonToken.START_ARRAY) {
          records = readRecords(parser);
        } else if (member.equals(recordsMember) && value == JsonToken.START_OBJECT) {
          records = new ArrayList<>(1);
          records.add(readData(parser));
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw FirehoseError.serialization(e.getOriginalMessage());
    } catch (IOException e) {
      // Parsing a byte array does no I/O; Jackson declares it for streams.
      throw FirehoseError.serialization(String.valueOf(e.getMessage()));
    }
    return new PutRequest(streamName, records);
  }

  private static List<byte[]> readRecords(JsonParser parser) throws IOException {
    List<byte[]> records = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.START_OBJECT) {
        throw FirehoseError.serialization("Records holds something other than structures.");
      }
      records.add(readData(parser));
    }
    return records;
  }

  /** The decoded {@code Data} of the record structure the parser is at, or null without one. */
  private static byte[] readData(JsonParser parser) throws IOException {
    byte[] data = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String member = parser.currentName();
      JsonToken value = parser.nextToken();
      if (member.equals("Data") && value == JsonToken.VALUE_STRING) {
        data = parser.getBinaryValue();
      } else {
        parser.skipChildren();
      }
    }
    return data;
  }
}
