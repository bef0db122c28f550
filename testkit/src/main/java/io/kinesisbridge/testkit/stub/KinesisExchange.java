package io.kinesisbridge.testkit.stub;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP exchange of the stub: reads the body, picks the operation from {@code X-Amz-Target},
 * answers in the request's encoding, and charges the request (bytes and the handler thread's CPU
 * time) to the server's and the stream's counters.
 */
final class KinesisExchange implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisExchange.class);
  private static final String TARGET_PREFIX = "Kinesis_20131202.";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final PutRecordsOperation writes;
  private final ControlPlane controlPlane;
  private final StubStats total;
  private final boolean cpuTimed = THREADS.isCurrentThreadCpuTimeSupported();
  private final AtomicLong requestIds = new AtomicLong();

  KinesisExchange(PutRecordsOperation writes, ControlPlane controlPlane, StubStats total) {
    this.writes = writes;
    this.controlPlane = controlPlane;
    this.total = total;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long cpuStart = cpuNanos();
    WireFormat format = WireFormat.of(exchange.getRequestHeaders().getFirst("Content-Type"));
    byte[] body = new byte[0];
    StubStream stream = null;
    try {
      body = exchange.getRequestBody().readAllBytes();
      String operation = operation(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      Reply reply = dispatch(operation, RequestBody.parse(format, body));
      stream = reply.stream();
      send(exchange, 200, format, null, reply.body());
    } catch (KinesisError e) {
      total.rejected();
      sendError(exchange, format, e);
    } catch (IOException | RuntimeException e) {
      // A bug in the stub or a dropped connection; the client sees InternalFailure and may retry.
      LOG.warn("Kinesis stub failed to answer a request", e);
      sendError(exchange, format, new KinesisError("InternalFailure", String.valueOf(e), 500));
    } finally {
      exchange.close();
      long cpu = cpuNanos() - cpuStart;
      total.request(body.length, cpu);
      if (stream != null) {
        stream.stats().request(body.length, cpu);
      }
    }
  }

  private Reply dispatch(String operation, RequestBody request) {
    if (operation.equals("PutRecords") || operation.equals("PutRecord")) {
      total.putRecordsCall();
    }
    return switch (operation) {
      case "PutRecords" -> writes.putRecords(request);
      case "PutRecord" -> writes.putRecord(request);
      case "CreateStream" -> controlPlane.createStream(request);
      case "DeleteStream" -> controlPlane.deleteStream(request);
      case "DescribeStreamSummary" -> controlPlane.describeStreamSummary(request);
      case "DescribeStream" -> controlPlane.describeStream(request);
      case "ListShards" -> controlPlane.listShards(request);
      case "ListStreams" -> controlPlane.listStreams();
      default ->
          throw new KinesisError(
              "UnknownOperationException", "The stub does not implement " + operation + ".");
    };
  }

  private static String operation(String target) {
    if (target == null || !target.startsWith(TARGET_PREFIX)) {
      throw new KinesisError(
          "UnknownOperationException",
          "Missing or foreign X-Amz-Target: " + target + " (expected " + TARGET_PREFIX + "*)");
    }
    return target.substring(TARGET_PREFIX.length());
  }

  private void sendError(HttpExchange exchange, WireFormat format, KinesisError error) {
    try {
      send(
          exchange,
          error.status(),
          format,
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

  private void send(
      HttpExchange exchange, int status, WireFormat format, String errorType, Reply.Body body)
      throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = format.factory().createGenerator(buffer)) {
      body.write(generator);
    }
    byte[] bytes = buffer.toByteArray();
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", format.contentType());
    headers.set("x-amzn-RequestId", "stub-" + requestIds.incrementAndGet());
    if (errorType != null) {
      headers.set("x-amzn-ErrorType", errorType);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private long cpuNanos() {
    return cpuTimed ? THREADS.getCurrentThreadCpuTime() : 0;
  }
}
