package io.kinesisbridge.testkit.stub;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP exchange of the stub: reads the body, picks the operation from {@code X-Amz-Target},
 * encodes the answer in the request's encoding and hands it to {@link DelayedReplies} (which holds
 * it for the round trip), and charges the request (bytes and the CPU time of the stub's threads) to
 * the server's and the stream's counters. The call takes effect when it arrives; only its answer is
 * held.
 */
final class KinesisExchange implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisExchange.class);
  private static final String TARGET_PREFIX = "Kinesis_20131202.";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final PutRecordsOperation writes;
  private final ControlPlane controlPlane;
  private final StubStats total;
  private final DelayedReplies replies;
  private final boolean cpuTimed = THREADS.isCurrentThreadCpuTimeSupported();
  private final AtomicLong requestIds = new AtomicLong();

  KinesisExchange(
      PutRecordsOperation writes,
      ControlPlane controlPlane,
      StubStats total,
      DelayedReplies replies) {
    this.writes = writes;
    this.controlPlane = controlPlane;
    this.total = total;
    this.replies = replies;
  }

  @Override
  public void handle(HttpExchange exchange) {
    long cpuStart = cpuNanos();
    WireFormat format = WireFormat.of(exchange.getRequestHeaders().getFirst("Content-Type"));
    byte[] body = new byte[0];
    StubStream stream = null;
    DelayedReplies.Answer answer;
    try {
      body = exchange.getRequestBody().readAllBytes();
      String operation = operation(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      Reply reply = dispatch(operation, RequestBody.parse(format, body));
      stream = reply.stream();
      answer = encode(200, format, null, reply.body());
    } catch (KinesisError e) {
      total.rejected();
      answer = error(format, e);
    } catch (IOException | RuntimeException e) {
      // A bug in the stub or a dropped connection; the client sees InternalFailure and may retry.
      LOG.warn("Kinesis stub failed to answer a request", e);
      answer = error(format, new KinesisError("InternalFailure", String.valueOf(e), 500));
    }
    StubStream charged = stream;
    replies.send(
        exchange, answer, "stub-" + requestIds.incrementAndGet(), cpu -> chargeCpu(charged, cpu));
    long cpu = cpuNanos() - cpuStart;
    total.request(body.length, cpu);
    if (stream != null) {
      stream.stats().request(body.length, cpu);
    }
  }

  /** Charges the CPU a delayed answer cost to the server's and the stream's counters. */
  private void chargeCpu(StubStream stream, long cpu) {
    total.handlerCpu(cpu);
    if (stream != null) {
      stream.stats().handlerCpu(cpu);
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

  private static DelayedReplies.Answer error(WireFormat format, KinesisError error) {
    try {
      return encode(
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
      throw new UncheckedIOException("cannot encode " + error.type(), e); // in-memory: never
    }
  }

  private static DelayedReplies.Answer encode(
      int status, WireFormat format, String errorType, Reply.Body body) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = format.factory().createGenerator(buffer)) {
      body.write(generator);
    }
    return new DelayedReplies.Answer(status, format.contentType(), errorType, buffer.toByteArray());
  }

  private long cpuNanos() {
    return cpuTimed ? THREADS.getCurrentThreadCpuTime() : 0;
  }
}
