package io.kinesisbridge.testkit.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PutMetricData requests and writes answers in the Smithy RPC v2 CBOR protocol, which the AWS
 * SDK for Java v2 uses for CloudWatch (2.57.x, checked by capturing its requests): {@code POST
 * /service/GraniteServiceVersion20100801/operation/PutMetricData}, header {@code smithy-protocol:
 * rpc-v2-cbor}, a CBOR map body {@code {Namespace, MetricData: [{MetricName, Dimensions: [{Name,
 * Value}], Value, Unit, Timestamp}]}} with timestamps as epoch seconds.
 */
final class PutMetricDataCodec {

  /** The path suffix of the one operation the stub serves. */
  static final String OPERATION_PATH = "/operation/PutMetricData";

  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  private PutMetricDataCodec() {}

  /** The datums of a request body. */
  static List<ReceivedDatum> read(byte[] body) throws IOException {
    JsonNode request = CBOR.readTree(body);
    String namespace = request.path("Namespace").asText(null);
    List<ReceivedDatum> datums = new ArrayList<>();
    for (JsonNode datum : request.path("MetricData")) {
      Map<String, String> dimensions = new LinkedHashMap<>();
      for (JsonNode dimension : datum.path("Dimensions")) {
        dimensions.put(dimension.path("Name").asText(), dimension.path("Value").asText());
      }
      JsonNode timestamp = datum.get("Timestamp");
      datums.add(
          new ReceivedDatum(
              namespace,
              datum.path("MetricName").asText(),
              dimensions,
              datum.path("Value").asDouble(),
              datum.path("Unit").asText(null),
              timestamp == null
                  ? null
                  : Instant.ofEpochMilli(Math.round(timestamp.asDouble() * 1_000))));
    }
    return datums;
  }

  /** The body of a successful PutMetricData answer: an empty output structure. */
  static byte[] success() throws IOException {
    return CBOR.writeValueAsBytes(Map.of());
  }

  /** The body of an error answer of the given error type. */
  static byte[] error(String type, String message) throws IOException {
    return CBOR.writeValueAsBytes(Map.of("__type", type, "message", message));
  }
}
