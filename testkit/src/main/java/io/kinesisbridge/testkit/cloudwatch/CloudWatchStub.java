package io.kinesisbridge.testkit.cloudwatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.zip.GZIPInputStream;

/**
 * A test fixture standing in for Amazon CloudWatch: an in-process HTTP endpoint that accepts
 * PutMetricData in the protocol the AWS SDK v2 client speaks (see {@link PutMetricDataCodec}),
 * records every datum and answers success, or, while {@link #failWithStatus(int)} is set, answers
 * with that HTTP status and an {@code InternalServiceError}. GetMetricData answers with the values
 * a test serves per metric name ({@link #serve}), one datapoint stamped with the request's time. It
 * serves no other operation and keeps no metrics store.
 */
public final class CloudWatchStub implements AutoCloseable {

  private static final String CONTENT_TYPE = "application/cbor";

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<ReceivedDatum> datums = new CopyOnWriteArrayList<>();
  private final List<String> rejected = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger gzipped = new AtomicInteger();
  private final AtomicInteger metricReads = new AtomicInteger();
  private final Map<String, DoubleSupplier> served = new ConcurrentHashMap<>();
  private volatile int failureStatus;

  private CloudWatchStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "cloudwatch-stub");
              thread.setDaemon(true);
              return thread;
            });
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a stub on a free loopback port. */
  public static CloudWatchStub start() {
    try {
      return new CloudWatchStub();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the CloudWatch stub", e);
    }
  }

  /** The endpoint to give clients, e.g. as {@code metrics.cloudwatch.endpoint.url}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every datum received so far, in arrival order. */
  public List<ReceivedDatum> datums() {
    return List.copyOf(datums);
  }

  /** Requests received so far, answered with success or not. */
  public int requests() {
    return requests.get();
  }

  /**
   * From now on answers GetMetricData queries for {@code metricName} (any namespace and dimensions)
   * with the value {@code value} gives at each request.
   */
  public void serve(String metricName, DoubleSupplier value) {
    served.put(metricName, value);
  }

  /** GetMetricData requests answered so far. */
  public int metricReads() {
    return metricReads.get();
  }

  /** Requests whose body came gzip-compressed. */
  public int gzippedRequests() {
    return gzipped.get();
  }

  /**
   * Requests the stub could not read (wrong path, protocol or body), each described in a line; a
   * test asserts this is empty to know the client and the stub agree on the protocol.
   */
  public List<String> rejected() {
    return List.copyOf(rejected);
  }

  /** From now on answers every request with {@code status} (e.g. 500); 0 answers success again. */
  public void failWithStatus(int status) {
    this.failureStatus = status;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      byte[] body = body(exchange);
      int status = failureStatus;
      if (status != 0) {
        answer(exchange, status, PutMetricDataCodec.error("InternalServiceError", "stub fault"));
        return;
      }
      String problem = problemWith(exchange);
      if (problem != null) {
        rejected.add(problem);
        answer(exchange, 400, PutMetricDataCodec.error("InvalidAction", problem));
        return;
      }
      if (exchange.getRequestURI().getPath().endsWith(GetMetricDataCodec.OPERATION_PATH)) {
        metricReads.incrementAndGet();
        answer(exchange, 200, GetMetricDataCodec.answer(body, served, Instant.now()));
        return;
      }
      datums.addAll(PutMetricDataCodec.read(body));
      answer(exchange, 200, PutMetricDataCodec.success());
    }
  }

  /** The request body; the SDK gzips PutMetricData bodies above its compression threshold. */
  private byte[] body(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      gzipped.incrementAndGet();
      in = new GZIPInputStream(in);
    }
    return in.readAllBytes();
  }

  private static String problemWith(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    String protocol = exchange.getRequestHeaders().getFirst("smithy-protocol");
    if (!"POST".equals(exchange.getRequestMethod())
        || !(path.endsWith(PutMetricDataCodec.OPERATION_PATH)
            || path.endsWith(GetMetricDataCodec.OPERATION_PATH))
        || !"rpc-v2-cbor".equals(protocol)) {
      return exchange.getRequestMethod()
          + " "
          + path
          + " smithy-protocol="
          + protocol
          + " content-type="
          + exchange.getRequestHeaders().getFirst("Content-Type");
    }
    return null;
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  /** Stops listening. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
