package io.kinesisbridge.testkit.firehose;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * One HTTP exchange: reads the body, picks the operation from {@code X-Amz-Target:
 * Firehose_20150804.<Operation>} and answers in JSON 1.1. Requests are not authenticated; the SigV4
 * scope only tells which region the caller believes it talks to, for ARNs.
 *
 * <p>What the AWS SDK 2.57 Firehose clients send (observed against a raw socket): {@code POST /
 * HTTP/1.1} with a {@code Content-Length} body, {@code Content-Type: application/x-amz-json-1.1},
 * {@code X-Amz-Target}, SigV4 headers and keep-alive connections, from both the Netty async client
 * and the Apache 5 sync client; no chunked bodies and no {@code Expect: 100-continue}. Other
 * clients may send either, and the JDK server handles both (it undoes chunked transfer encoding and
 * answers {@code 100 Continue}).
 */
final class FirehoseExchange implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(FirehoseExchange.class);
  private static final String TARGET_PREFIX = "Firehose_20150804.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final RecordWrites writes;
  private final ControlPlane controlPlane;
  private final String defaultRegion;

  FirehoseExchange(RecordWrites writes, ControlPlane controlPlane, String defaultRegion) {
    this.writes = writes;
    this.controlPlane = controlPlane;
    this.defaultRegion = defaultRegion;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Headers headers = exchange.getRequestHeaders();
      String operation = operation(headers.getFirst("X-Amz-Target"));
      Reply reply = dispatch(operation, body, region(headers.getFirst("Authorization")));
      send(exchange, 200, null, reply);
    } catch (FirehoseError e) {
      sendError(exchange, e);
    } catch (IOException | RuntimeException e) {
      // A bug in the endpoint or a dropped connection; the client sees a 500 and may retry.
      LOG.warn("Firehose endpoint failed to answer a request", e);
      sendError(exchange, new FirehoseError("InternalFailure", String.valueOf(e), 500));
    } finally {
      exchange.close();
    }
  }

  private Reply dispatch(String operation, byte[] body, String region) {
    return switch (operation) {
      case "PutRecordBatch" -> writes.putRecordBatch(body);
      case "PutRecord" -> writes.putRecord(body);
      case "CreateDeliveryStream" ->
          controlPlane.createDeliveryStream(JsonBody.parse(body), region);
      case "DescribeDeliveryStream" -> controlPlane.describeDeliveryStream(JsonBody.parse(body));
      case "ListDeliveryStreams" -> controlPlane.listDeliveryStreams(JsonBody.parse(body));
      case "DeleteDeliveryStream" -> controlPlane.deleteDeliveryStream(JsonBody.parse(body));
      default ->
          throw FirehoseError.unknownOperation(
              "The Firehose test fixture does not implement " + operation + ".");
    };
  }

  private static String operation(String target) {
    if (target == null || !target.startsWith(TARGET_PREFIX)) {
      throw FirehoseError.unknownOperation(
          "Missing or foreign X-Amz-Target: " + target + " (expected " + TARGET_PREFIX + "*)");
    }
    return target.substring(TARGET_PREFIX.length());
  }

  /** The region of a SigV4 {@code Credential=<key>/<date>/<region>/firehose/aws4_request}. */
  private String region(String authorization) {
    if (authorization != null) {
      int start = authorization.indexOf("Credential=");
      if (start >= 0) {
        String[] scope = authorization.substring(start + "Credential=".length()).split("/", 5);
        if (scope.length == 5 && !scope[2].isEmpty()) {
          return scope[2];
        }
      }
    }
    return defaultRegion;
  }

  private static void sendError(HttpExchange exchange, FirehoseError error) {
    try {
      send(
          exchange,
          error.status(),
          error.type(),
          generator -> {
            generator.writeStartObject();
            generator.writeStringField("__type", error.type());
            generator.writeStringField("message", error.getMessage());
            generator.writeEndObject();
          });
    } catch (IOException e) {
      LOG.debug("Could not send {} to the client", error.type(), e);
    }
  }

  private static void send(HttpExchange exchange, int status, String errorType, Reply reply)
      throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = JsonBody.FACTORY.createGenerator(buffer)) {
      reply.write(generator);
    }
    byte[] bytes = buffer.toByteArray();
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", CONTENT_TYPE);
    headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
    if (errorType != null) {
      headers.set("x-amzn-ErrorType", errorType);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
