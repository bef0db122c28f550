package io.kinesisbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 proxy in front of kinesis-mock that injects the failures the real service answers
 * under load, which kinesis-mock never does: a share of PutRecords calls is refused whole with
 * {@code ProvisionedThroughputExceededException} (HTTP 400), and in the other calls a share of the
 * entries is not forwarded and answered as failed with that error code, while the rest are stored
 * by kinesis-mock and answered with its real sequence numbers. A failed entry is thus really not
 * stored, as with the service. A share of GetRecords calls can be refused the same way, as the
 * service does past a shard's read limits. Every other call passes unchanged. A test fixture.
 *
 * <p>It speaks both encodings of the Kinesis API (the AWS SDK v2 sends CBOR by default). The choice
 * of failures follows a fixed seed, so a run can be repeated. Connect the sink with {@code
 * aws.endpoint.url} = {@link #endpoint()}; only HTTP/1.1 clients (the sinks' clients are).
 */
public final class KinesisFaultProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisFaultProxy.class);
  private static final String THROTTLED = "ProvisionedThroughputExceededException";
  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  private final URI target;
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient http;
  private final Random random = new Random(20_260_601L);
  private volatile double failedEntryShare;
  private volatile double throttledCallShare;
  private volatile double throttledReadShare;
  private final AtomicLong readsThrottled = new AtomicLong();
  private final AtomicLong entriesFailed = new AtomicLong();
  private final AtomicLong callsThrottled = new AtomicLong();
  private final AtomicLong entriesForwarded = new AtomicLong();

  private KinesisFaultProxy(URI target) throws IOException {
    this.target = target;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            8,
            task -> {
              Thread thread = new Thread(task, "kinesis-fault-proxy-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  /** Starts a proxy to {@code target} (e.g. kinesis-mock's plain endpoint), no faults yet. */
  public static KinesisFaultProxy start(URI target) {
    try {
      KinesisFaultProxy proxy = new KinesisFaultProxy(target);
      proxy.server.start();
      LOG.info("Kinesis fault proxy {} -> {}", proxy.endpoint(), target);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kinesis fault proxy", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The share (0 to 1) of PutRecords entries answered as throttled instead of stored. */
  public KinesisFaultProxy failedEntryShare(double share) {
    this.failedEntryShare = share;
    return this;
  }

  /** The share (0 to 1) of PutRecords calls refused whole as throttled. */
  public KinesisFaultProxy throttledCallShare(double share) {
    this.throttledCallShare = share;
    return this;
  }

  /** The share (0 to 1) of GetRecords calls refused as throttled. */
  public KinesisFaultProxy throttledReadShare(double share) {
    this.throttledReadShare = share;
    return this;
  }

  /** GetRecords calls refused so far. */
  public long readsThrottled() {
    return readsThrottled.get();
  }

  /** PutRecords entries answered as failed so far. */
  public long entriesFailed() {
    return entriesFailed.get();
  }

  /** PutRecords calls refused whole so far. */
  public long callsThrottled() {
    return callsThrottled.get();
  }

  /** PutRecords entries passed on to kinesis-mock so far. */
  public long entriesForwarded() {
    return entriesForwarded.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      ObjectMapper mapper = mapperFor(exchange.getRequestHeaders().getFirst("Content-Type"));
      if (operation != null && operation.endsWith(".PutRecords")) {
        putRecords(exchange, mapper, body);
      } else if (operation != null
          && operation.endsWith(".GetRecords")
          && draw(throttledReadShare)) {
        readsThrottled.incrementAndGet();
        refuseAsThrottled(exchange, mapper, "Rate exceeded for shard");
      } else {
        relay(exchange, forward(exchange, body));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Kinesis fault proxy could not handle a call: {}", e.toString());
      throw e;
    }
  }

  /** Answers the call whole with HTTP 400 {@code ProvisionedThroughputExceededException}. */
  private void refuseAsThrottled(HttpExchange exchange, ObjectMapper mapper, String message)
      throws IOException {
    ObjectNode error = mapper.createObjectNode();
    error.put("__type", THROTTLED);
    error.put("message", message + " (injected by the test's fault proxy)");
    exchange.getResponseHeaders().add("x-amzn-ErrorType", THROTTLED);
    send(
        exchange,
        400,
        exchange.getRequestHeaders().getFirst("Content-Type"),
        mapper.writeValueAsBytes(error));
  }

  private void putRecords(HttpExchange exchange, ObjectMapper mapper, byte[] body)
      throws IOException {
    if (draw(throttledCallShare)) {
      callsThrottled.incrementAndGet();
      refuseAsThrottled(exchange, mapper, "Rate exceeded for stream");
      return;
    }
    ObjectNode request = (ObjectNode) mapper.readTree(body);
    ArrayNode entries = (ArrayNode) request.get("Records");
    List<Boolean> failed = new ArrayList<>(entries.size());
    ArrayNode kept = mapper.createArrayNode();
    for (JsonNode entry : entries) {
      boolean fail = draw(failedEntryShare);
      failed.add(fail);
      if (!fail) {
        kept.add(entry);
      }
    }
    int injected = entries.size() - kept.size();
    ArrayNode answered;
    int failedByTarget = 0;
    ObjectNode response = mapper.createObjectNode();
    if (kept.isEmpty()) {
      answered = mapper.createArrayNode();
    } else {
      request.set("Records", kept);
      HttpResponse<byte[]> forwarded = forward(exchange, mapper.writeValueAsBytes(request));
      if (forwarded.statusCode() != 200) {
        relay(exchange, forwarded);
        return;
      }
      entriesForwarded.addAndGet(kept.size());
      response = (ObjectNode) mapper.readTree(forwarded.body());
      answered = (ArrayNode) response.get("Records");
      failedByTarget = response.path("FailedRecordCount").asInt(0);
    }
    entriesFailed.addAndGet(injected);
    ArrayNode merged = mapper.createArrayNode();
    int next = 0;
    for (boolean fail : failed) {
      if (fail) {
        ObjectNode error = mapper.createObjectNode();
        error.put("ErrorCode", THROTTLED);
        error.put("ErrorMessage", "Rate exceeded for shard (injected by the test's fault proxy)");
        merged.add(error);
      } else {
        merged.add(answered.get(next++));
      }
    }
    response.put("FailedRecordCount", failedByTarget + injected);
    response.set("Records", merged);
    send(
        exchange,
        200,
        exchange.getRequestHeaders().getFirst("Content-Type"),
        mapper.writeValueAsBytes(response));
  }

  private boolean draw(double share) {
    if (share <= 0) {
      return false;
    }
    synchronized (random) {
      return random.nextDouble() < share;
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
            .timeout(Duration.ofSeconds(30))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        header.getValue().forEach(value -> request.header(header.getKey(), value));
      }
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding", e);
    }
  }

  private static void relay(HttpExchange exchange, HttpResponse<byte[]> response)
      throws IOException {
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
              }
            });
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange
        .getResponseHeaders()
        .set("Content-Type", contentType == null ? "application/x-amz-json-1.1" : contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  private static ObjectMapper mapperFor(String contentType) {
    return contentType != null && contentType.contains("cbor") ? CBOR : JSON;
  }

  /** Stops listening; calls under way are cut. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
