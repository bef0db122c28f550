package io.kinesisbridge.testkit.firehose;

import com.sun.net.httpserver.HttpServer;
import io.kinesisbridge.testkit.S3Server;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TEST FIXTURE standing in for Amazon Data Firehose (Direct PUT to S3): no Firehose emulator
 * exists outside LocalStack, and the machines these tests run on have no Docker for LocalStack. It
 * is not a product and not part of the plugin bundle.
 *
 * <p>An in-process HTTP/1.1 server on a free loopback port that speaks Firehose's JSON 1.1 protocol
 * ({@code POST /}, {@code X-Amz-Target: Firehose_20150804.<Operation>}, {@code
 * application/x-amz-json-1.1}), so the AWS SDK's {@code FirehoseClient} and {@code
 * FirehoseAsyncClient} (HTTP/1.1, as {@code AwsClientFactory} builds them) talk to it unchanged.
 * Operations: PutRecordBatch, PutRecord, CreateDeliveryStream, DescribeDeliveryStream,
 * ListDeliveryStreams and DeleteDeliveryStream; others fail with {@code UnknownOperationException}.
 *
 * <ul>
 *   <li><b>Limits</b> as AWS enforces them, on the decoded bytes: at most 500 records and 4 MiB per
 *       PutRecordBatch, 1,024,000 bytes per record; a call over a limit fails whole with HTTP 400
 *       and the service's error type and message (see {@code RecordWrites} and {@code
 *       FirehoseError} for the order of the checks and where each shape comes from).
 *   <li><b>Delivery</b>: per stream, accepted records are concatenated as they are (Firehose adds
 *       no delimiter) and written to the S3 server as one object when the buffer reaches its
 *       SizeInMBs hint or its oldest record has waited IntervalInSeconds (0-900, so tests can use
 *       1), or when the test calls {@link #flushAll()}; keys follow Firehose's default layout
 *       {@code <prefix>YYYY/MM/dd/HH/<stream>-1-yyyy-MM-dd-HH-mm-ss-<uuid>} in UTC.
 *   <li><b>Faults</b>, settable at runtime through {@link #faults()}: a share of records failing
 *       with {@code ServiceUnavailableException} inside a 200 answer, whole calls throttled, added
 *       latency; deterministic for a given {@link Builder#seed(long)}.
 *   <li><b>Counters</b>: {@link #stats()} and {@link #stats(String)}, and the objects written:
 *       {@link #deliveredObjects()}.
 * </ul>
 *
 * <p>Not modelled: authentication (any credentials pass), IAM, the CREATING state, throughput
 * quotas (use the faults instead), destinations other than S3, compression and encryption, and
 * HTTP/2 (point only HTTP/1.1 clients at it).
 */
public final class FirehoseEndpoint implements AutoCloseable {

  /** Most records per PutRecordBatch. */
  public static final int MAX_BATCH_RECORDS = RecordWrites.MAX_BATCH_RECORDS;

  /** Most data bytes per record (1,000 KiB), before base64. */
  public static final int MAX_RECORD_BYTES = RecordWrites.MAX_RECORD_BYTES;

  /** Most data bytes per PutRecordBatch (4 MiB), before base64. */
  public static final long MAX_BATCH_BYTES = RecordWrites.MAX_BATCH_BYTES;

  /** The account id in ARNs and error messages (LocalStack's, which tests may know). */
  public static final String ACCOUNT = "000000000000";

  private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  static {
    // The JDK server writes headers and body as separate segments; with Nagle's algorithm on, the
    // body waits for the client's delayed ACK (40 ms on Linux) and every call takes that long.
    // The server reads this once, when its first instance in the JVM is created.
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService handlers;
  private final DeliveryStreams streams;
  private final ControlPlane controlPlane;
  private final S3Delivery delivery;
  private final FirehoseStats total = new FirehoseStats();
  private final FirehoseFaults faults;
  private final String region;

  private FirehoseEndpoint(Builder builder, S3Client s3, boolean ownsClient) throws IOException {
    this.region = builder.region;
    this.faults = new FirehoseFaults(builder.seed);
    this.streams = new DeliveryStreams(ACCOUNT, builder.clock);
    this.controlPlane = new ControlPlane(streams);
    this.delivery = new S3Delivery(s3, ownsClient, streams, total);
    RecordWrites writes = new RecordWrites(streams, faults, total, delivery, builder.clock);
    // Unbounded like the service: injected latency must not queue calls behind each other.
    this.handlers = Executors.newCachedThreadPool(new DaemonThreads());
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 128);
    server.createContext("/", new FirehoseExchange(writes, controlPlane, region));
    server.setExecutor(handlers);
  }

  /** A builder; {@link Builder#s3(S3Server)} or {@link Builder#s3(S3Client)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The endpoint to give clients, e.g. as {@code aws.endpoint.url}: {@code http://127.0.0.1:N}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The port the endpoint listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Connector-style {@code aws.*} settings that reach this endpoint: its region, its endpoint and
   * static test credentials (any are accepted).
   */
  public Map<String, String> awsSettings() {
    return Map.of(
        "aws.region", region,
        "aws.endpoint.url", endpoint().toString(),
        "aws.credentials.provider", "static",
        "aws.access.key.id", "firehose-test",
        "aws.secret.access.key", "firehose-test");
  }

  /**
   * Creates an ACTIVE delivery stream, as CreateDeliveryStream would; returns its ARN.
   *
   * @throws IllegalArgumentException when the name is taken or the spec breaks a constraint
   */
  public String createDeliveryStream(DeliveryStreamSpec spec) {
    try {
      return controlPlane.create(spec, region, "ExtendedS3DestinationConfiguration");
    } catch (FirehoseError e) {
      throw new IllegalArgumentException(e.type() + ": " + e.getMessage(), e);
    }
  }

  /** The faults injected from now on. */
  public FirehoseFaults faults() {
    return faults;
  }

  /** What the endpoint received and delivered, over all streams. */
  public FirehoseStats stats() {
    return total;
  }

  /**
   * What one delivery stream received and delivered.
   *
   * @throws IllegalArgumentException when there is no such stream
   */
  public FirehoseStats stats(String stream) {
    try {
      return streams.require(stream).stats();
    } catch (FirehoseError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Writes every buffered record to S3 now, whatever the buffering hints, and returns once all
   * objects are written (uploads already in progress included).
   *
   * @throws IllegalStateException when an upload fails, e.g. because the bucket does not exist
   */
  public void flushAll() {
    delivery.flushAll();
  }

  /** The S3 objects written so far, in order. */
  public List<DeliveredObject> deliveredObjects() {
    return delivery.delivered();
  }

  /** The S3 objects written so far for one delivery stream, in order. */
  public List<DeliveredObject> deliveredObjects(String stream) {
    return delivery.delivered().stream().filter(o -> o.stream().equals(stream)).toList();
  }

  /**
   * Stops listening and delivering; calls in progress are cut off and buffered records are dropped
   * (call {@link #flushAll()} first to keep them).
   */
  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
    try {
      handlers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      delivery.close();
    }
  }

  /** Options of an endpoint; {@link #start()} binds the port and starts serving. */
  public static final class Builder {
    private S3Client s3;
    private S3Server s3Server;
    private int port;
    private String region = "us-east-1";
    private long seed = 1;
    private Duration deliveryTick = Duration.ofMillis(100);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Delivers into this S3 client's server; the caller keeps owning (and closes) the client. */
    public Builder s3(S3Client client) {
      this.s3 = Objects.requireNonNull(client, "client");
      this.s3Server = null;
      return this;
    }

    /** Delivers into this S3 server through a client the endpoint builds and closes. */
    public Builder s3(S3Server server) {
      this.s3Server = Objects.requireNonNull(server, "server");
      this.s3 = null;
      return this;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The region for ARNs of streams created without a SigV4 scope (default us-east-1). */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** The seed of the fault decisions (default 1): the same seed, the same failures. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How often buffers are checked against their interval hint (default 100 ms). */
    public Builder deliveryTick(Duration tick) {
      if (tick == null || tick.isNegative() || tick.isZero()) {
        throw new IllegalArgumentException("deliveryTick must be positive: " + tick);
      }
      this.deliveryTick = tick;
      return this;
    }

    /** The clock for arrival times in object keys (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Binds the port and starts serving and delivering. */
    public FirehoseEndpoint start() {
      if (s3 == null && s3Server == null) {
        throw new IllegalStateException("an S3 client or S3 server to deliver to is required");
      }
      boolean ownsClient = s3 == null;
      S3Client client = ownsClient ? s3Server.client() : s3;
      try {
        FirehoseEndpoint endpoint = new FirehoseEndpoint(this, client, ownsClient);
        endpoint.delivery.start(deliveryTick);
        endpoint.server.start();
        return endpoint;
      } catch (IOException e) {
        if (ownsClient) {
          client.close();
        }
        throw new UncheckedIOException("cannot start the Firehose endpoint on port " + port, e);
      }
    }
  }

  /** Daemon threads, so a forgotten endpoint never keeps a JVM alive. */
  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "firehose-endpoint-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
