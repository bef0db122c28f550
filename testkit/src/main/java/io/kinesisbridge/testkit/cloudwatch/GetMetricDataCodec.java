package io.kinesisbridge.testkit.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * GetMetricData in the Smithy RPC v2 CBOR protocol the AWS SDK v2 CloudWatch client speaks: reads
 * each query's id and metric name, and answers each with one datapoint stamped with the request's
 * time, whose value the test serves per metric name (no datapoint for a metric it does not serve).
 */
final class GetMetricDataCodec {

  /** The path suffix of the operation. */
  static final String OPERATION_PATH = "/operation/GetMetricData";

  /** CBOR tag of an epoch-seconds timestamp (RFC 8949), as the protocol requires. */
  private static final int EPOCH_TIMESTAMP_TAG = 1;

  private static final CBORFactory FACTORY = new CBORFactory();
  private static final ObjectMapper CBOR = new ObjectMapper(FACTORY);

  private GetMetricDataCodec() {}

  /** The answer to {@code body}, values from {@code served} by metric name. */
  static byte[] answer(byte[] body, Map<String, DoubleSupplier> served, Instant now)
      throws IOException {
    JsonNode request = CBOR.readTree(body);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator cbor = FACTORY.createGenerator(out)) {
      cbor.writeStartObject();
      cbor.writeArrayFieldStart("MetricDataResults");
      for (JsonNode query : request.path("MetricDataQueries")) {
        String metric = query.path("MetricStat").path("Metric").path("MetricName").asText();
        DoubleSupplier value = served.get(metric);
        cbor.writeStartObject();
        cbor.writeStringField("Id", query.path("Id").asText());
        cbor.writeStringField("Label", metric);
        cbor.writeArrayFieldStart("Timestamps");
        if (value != null) {
          cbor.writeTag(EPOCH_TIMESTAMP_TAG);
          cbor.writeNumber((double) now.getEpochSecond());
        }
        cbor.writeEndArray();
        cbor.writeArrayFieldStart("Values");
        if (value != null) {
          cbor.writeNumber(value.getAsDouble());
        }
        cbor.writeEndArray();
        cbor.writeStringField("StatusCode", "Complete");
        cbor.writeEndObject();
      }
      cbor.writeEndArray();
      cbor.writeEndObject();
    }
    return out.toByteArray();
  }
}
