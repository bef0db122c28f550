package io.kinesisbridge.testkit.stub;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process Kinesis endpoint that acknowledges every write at once or after a configurable
 * round trip ({@link RoundTrip}: a fixed delay plus jitter, held without a thread per call), so a
 * benchmark measures the sink in front of it rather than an emulator (kinesis-mock manages a few
 * thousand records/s). A test fixture: it stores nothing and no consumer can read from it.
 *
 * <p>It speaks the Kinesis API over HTTP/1.1 ({@code POST /} with {@code X-Amz-Target:
 * Kinesis_20131202.<Operation>}) in both encodings the service accepts: CBOR, which the AWS SDK v2
 * sends by default, and JSON 1.1. Operations: PutRecords, PutRecord, CreateStream, DeleteStream,
 * DescribeStreamSummary, DescribeStream, ListShards, ListStreams; others fail with {@code
 * UnknownOperationException}. Answers are shaped like the service's: ShardIds follow from MD5 of
 * the partition key (or the explicit hash key) over shards that split the hash key space evenly,
 * limit breaches fail the whole call with the service's error type (see {@link
 * PutRecordsOperation}), and a configurable share of entries can fail with {@code
 * ProvisionedThroughputExceededException}, as can entries over their shard's write limits when
 * those are enforced ({@link #shardLimits(boolean)}). HTTP/2 is not spoken: point only HTTP/1.1
 * clients at it (the bundle's request/response clients are).
 *
 * <p>{@link #stats()} and {@link #stats(String)} count requests, records, user records inside KPL
 * aggregates, bytes and the CPU time of the stub's own threads, so a harness can tell when all its
 * records arrived and subtract what the stub cost.
 */
public final class KinesisStubServer implements AutoCloseable {

  /** Kinesis' own request size limit for PutRecords. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024;

  /** A stream's default max record size (data plus partition key). */
  public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

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
  private final ExecutorService executor;
  private final StubStreams streams;
  private final StubStats total = new StubStats();
  private final DelayedReplies replies;
  private volatile double throttledShare;
  private volatile RoundTrip roundTrip;
  private volatile boolean shardLimits;

  private KinesisStubServer(Builder builder) throws IOException {
    this.streams = new StubStreams(builder.maxRecordBytes);
    this.throttledShare = builder.throttledShare;
    this.roundTrip = builder.roundTrip;
    this.shardLimits = builder.shardLimits;
    PutRecordsOperation writes =
        new PutRecordsOperation(
            streams,
            total,
            builder.maxRequestBytes,
            builder.checkAggregates,
            () -> throttledShare,
            () -> shardLimits);
    this.replies = new DelayedReplies(() -> roundTrip);
    KinesisExchange handler =
        new KinesisExchange(writes, new ControlPlane(streams), total, replies);
    this.executor = Executors.newFixedThreadPool(builder.threads, new StubThreads());
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 128);
    server.createContext("/", handler);
    server.setExecutor(executor);
  }

  /**
   * A builder with the defaults: a free port, 4 handler threads, AWS's default request limits, no
   * round trip, no shard write limits.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a stub with the defaults. */
  public static KinesisStubServer start() {
    return builder().start();
  }

  /** The endpoint to give clients, e.g. as {@code aws.endpoint.url}: {@code http://127.0.0.1:N}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The port the stub listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Creates an ACTIVE stream whose {@code shards} shards split the hash key space evenly.
   *
   * @throws IllegalArgumentException when the name is taken or invalid, or shards is below 1
   */
  public void createStream(String name, int shards) {
    try {
      streams.create(name, shards);
    } catch (KinesisError e) {
      throw new IllegalArgumentException(e.type() + ": " + e.getMessage(), e);
    }
  }

  /** What the stub received, over all streams. */
  public StubStats stats() {
    return total;
  }

  /**
   * What one stream received.
   *
   * @throws IllegalArgumentException when there is no such stream
   */
  public StubStats stats(String stream) {
    try {
      return streams.require(stream).stats();
    } catch (KinesisError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Sets the share (0 to 1) of PutRecords entries that fail with {@code
   * ProvisionedThroughputExceededException} from now on; PutRecord calls fail whole.
   */
  public void throttledShare(double share) {
    this.throttledShare = checkShare(share);
  }

  /**
   * Holds every answer from now on for {@code roundTrip} (PutRecords and all other calls, errors
   * included), without holding a handler thread; {@link RoundTrip#NONE} answers at once.
   */
  public void roundTrip(RoundTrip roundTrip) {
    this.roundTrip = Objects.requireNonNull(roundTrip, "roundTrip");
  }

  /**
   * Whether each shard's write limits are enforced from now on: 1,000 records and 1 MiB (data plus
   * partition key) per second, as token buckets of one second's allowance that start full. Entries
   * over them are answered with {@code ProvisionedThroughputExceededException} each, a PutRecord
   * call fails whole.
   */
  public void shardLimits(boolean enforced) {
    this.shardLimits = enforced;
  }

  /**
   * What each shard of {@code stream} took, in shard order.
   *
   * @throws IllegalArgumentException when there is no such stream
   */
  public List<ShardStats> shardStats(String stream) {
    try {
      StubStream found = streams.require(stream);
      return found.shardCounters().snapshot(found);
    } catch (KinesisError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Stops listening and ends the handler threads; calls in progress are cut off. */
  @Override
  public void close() {
    server.stop(0);
    replies.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double checkShare(double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be between 0 and 1: " + share);
    }
    return share;
  }

  /** Options of a stub; {@link #start()} binds the port and starts serving. */
  public static final class Builder {
    private int port;
    private int threads = 4;
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
    private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private boolean checkAggregates;
    private double throttledShare;
    private RoundTrip roundTrip = RoundTrip.NONE;
    private boolean shardLimits;

    private Builder() {}

    /** How long every answer is held (default {@link RoundTrip#NONE}: at once). */
    public Builder roundTrip(RoundTrip roundTrip) {
      this.roundTrip = Objects.requireNonNull(roundTrip, "roundTrip");
      return this;
    }

    /** Whether shard write limits are enforced from the start (default off). */
    public Builder shardLimits(boolean enforced) {
      this.shardLimits = enforced;
      return this;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Handler threads, i.e. requests served at once (default 4). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** The max record size of the streams, a multiple of 1 KiB up to 10 MiB (default 1 MiB). */
    public Builder maxRecordBytes(int maxRecordBytes) {
      if (maxRecordBytes < 1024
          || maxRecordBytes > 10 * 1024 * 1024
          || maxRecordBytes % 1024 != 0) {
        throw new IllegalArgumentException(
            "max record size must be a multiple of 1 KiB up to 10 MiB: " + maxRecordBytes);
      }
      this.maxRecordBytes = maxRecordBytes;
      return this;
    }

    /** The PutRecords request size limit (default 5 MiB). */
    public Builder maxRequestBytes(long maxRequestBytes) {
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /**
     * Whether to decode every KPL aggregate and count user records that hash outside the
     * aggregate's shard (default off: it costs an MD5 per user record, charged to the process).
     */
    public Builder checkAggregates(boolean checkAggregates) {
      this.checkAggregates = checkAggregates;
      return this;
    }

    /** The initial share of entries failed with throttling (default 0). */
    public Builder throttledShare(double share) {
      this.throttledShare = checkShare(share);
      return this;
    }

    /** Binds the port and starts serving. */
    public KinesisStubServer start() {
      try {
        KinesisStubServer stub = new KinesisStubServer(this);
        stub.server.start();
        return stub;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the Kinesis stub on port " + port, e);
      }
    }
  }

  /** Daemon threads, so a forgotten stub never keeps a JVM alive. */
  private static final class StubThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "kinesis-stub-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
