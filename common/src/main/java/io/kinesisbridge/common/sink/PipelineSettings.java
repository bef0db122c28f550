package io.kinesisbridge.common.sink;

import org.apache.kafka.common.config.AbstractConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How a {@link DeliveryPipeline} batches, orders, retries and bounds its buffer. Immutable; made
 * with {@link #builder()}, whose defaults suit the Kinesis sink (500 entries and 5 MiB per
 * request), or from a sink's config with {@link #fromConfig}, which reads the keys {@link
 * DeliveryConfigDefs} defines.
 */
public final class PipelineSettings {

  private final String name;
  private final int maxEntriesPerRequest;
  private final long maxRequestBytes;
  private final int maxInFlightRequests;
  private final Duration linger;
  private final boolean ordered;
  private final Duration deliveryTimeout;
  private final Duration backoffBase;
  private final Duration backoffMax;
  private final Duration commitWait;
  private final long bufferHighWatermarkBytes;
  private final long bufferLowWatermarkBytes;
  private final AimdRateLimiter.Builder rateLimit;

  private PipelineSettings(Builder b) {
    this.name = Objects.requireNonNull(b.name, "name");
    this.maxEntriesPerRequest = atLeastOne(b.maxEntriesPerRequest, "maxEntriesPerRequest");
    this.maxRequestBytes = atLeastOne(b.maxRequestBytes, "maxRequestBytes");
    this.maxInFlightRequests = atLeastOne(b.maxInFlightRequests, "maxInFlightRequests");
    this.linger = notNegative(b.linger, "linger");
    this.ordered = b.ordered;
    this.deliveryTimeout = positive(b.deliveryTimeout, "deliveryTimeout");
    this.backoffBase = positive(b.backoffBase, "backoffBase");
    this.backoffMax = positive(b.backoffMax, "backoffMax");
    this.commitWait = notNegative(b.commitWait, "commitWait");
    this.bufferHighWatermarkBytes = atLeastOne(b.bufferHighWatermarkBytes, "bufferHighWatermark");
    this.bufferLowWatermarkBytes =
        b.bufferLowWatermarkBytes < 0 ? bufferHighWatermarkBytes / 2 : b.bufferLowWatermarkBytes;
    if (bufferLowWatermarkBytes > bufferHighWatermarkBytes) {
      throw new IllegalArgumentException(
          "bufferLowWatermark "
              + bufferLowWatermarkBytes
              + " is above bufferHighWatermark "
              + bufferHighWatermarkBytes);
    }
    this.rateLimit =
        AimdRateLimiter.builder()
            .initialRate(b.initialEntriesPerSecond)
            .minRate(b.minEntriesPerSecond)
            .maxRate(b.maxEntriesPerSecond)
            .increasePerSuccess(b.entriesPerSecondIncrease);
    // Fail on bad rates and backoff now rather than at the first request.
    rateLimit.build();
    backoff(new Random(0));
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder with linger, requests in flight, timeout, backoff and buffer watermarks read from the
   * delivery keys under {@code prefix} of {@code config}; the sink adds its name, request limits
   * and ordering.
   */
  public static Builder fromConfig(AbstractConfig config, String prefix) {
    long bufferMaxBytes = config.getLong(prefix + DeliveryConfigDefs.BUFFER_MAX_BYTES);
    return builder()
        .maxInFlightRequests(config.getInt(prefix + DeliveryConfigDefs.MAX_IN_FLIGHT))
        .linger(millis(config, prefix + DeliveryConfigDefs.LINGER_MS))
        .deliveryTimeout(millis(config, prefix + DeliveryConfigDefs.DELIVERY_TIMEOUT_MS))
        .backoff(
            millis(config, prefix + DeliveryConfigDefs.RETRY_BACKOFF_MS),
            millis(config, prefix + DeliveryConfigDefs.RETRY_BACKOFF_MAX_MS))
        .commitWait(millis(config, prefix + DeliveryConfigDefs.COMMIT_WAIT_MS))
        // Resuming at half the bound keeps the task from pausing and resuming at every put().
        .bufferHighWatermarkBytes(bufferMaxBytes)
        .bufferLowWatermarkBytes(bufferMaxBytes / 2);
  }

  /**
   * The problems between the delivery keys under {@code prefix} that no single key's validator
   * sees, by key: a first backoff above the longest, and a delivery timeout too short for any
   * retry.
   */
  public static Map<String, String> crossKeyProblems(AbstractConfig config, String prefix) {
    Map<String, String> problems = new LinkedHashMap<>();
    String backoff = prefix + DeliveryConfigDefs.RETRY_BACKOFF_MS;
    String backoffMax = prefix + DeliveryConfigDefs.RETRY_BACKOFF_MAX_MS;
    String timeout = prefix + DeliveryConfigDefs.DELIVERY_TIMEOUT_MS;
    if (millis(config, backoff).compareTo(millis(config, backoffMax)) > 0) {
      problems.put(backoff, backoff + " must not exceed " + backoffMax + ".");
    }
    if (millis(config, timeout).compareTo(millis(config, backoffMax)) < 0) {
      problems.put(
          timeout, timeout + " must be at least " + backoffMax + ", or no retry could happen.");
    }
    return problems;
  }

  private static Duration millis(AbstractConfig config, String key) {
    return Duration.ofMillis(config.getLong(key));
  }

  /** Names the scheduler thread and appears in log lines. */
  public String name() {
    return name;
  }

  /** Most entries per request (PutRecords and PutRecordBatch: 500). */
  public int maxEntriesPerRequest() {
    return maxEntriesPerRequest;
  }

  /** Most wire bytes per request (Kinesis: 5 MiB by default, Firehose: 4 MiB). */
  public long maxRequestBytes() {
    return maxRequestBytes;
  }

  /** Most requests outstanding per destination. */
  public int maxInFlightRequests() {
    return maxInFlightRequests;
  }

  /** How long the oldest record of a partly filled request may wait for more. */
  public Duration linger() {
    return linger;
  }

  /** Whether each lane keeps submit order across retries (one entry in flight per lane). */
  public boolean ordered() {
    return ordered;
  }

  /** How long after submit a record may stay unacknowledged before the pipeline gives up. */
  public Duration deliveryTimeout() {
    return deliveryTimeout;
  }

  /** The ceiling of the first retry's delay. */
  public Duration backoffBase() {
    return backoffBase;
  }

  /** The ceiling of every retry delay. */
  /**
   * How long an offset commit waits for the records submitted so far to be acknowledged before it
   * reports offsets; zero reports at once.
   */
  public Duration commitWait() {
    return commitWait;
  }

  public Duration backoffMax() {
    return backoffMax;
  }

  /** Buffered bytes at or above which the task should pause its partitions. */
  public long bufferHighWatermarkBytes() {
    return bufferHighWatermarkBytes;
  }

  /** Buffered bytes at or below which a paused task may resume (half the high mark by default). */
  public long bufferLowWatermarkBytes() {
    return bufferLowWatermarkBytes;
  }

  /** A fresh rate limiter for one destination. */
  AimdRateLimiter newRateLimiter() {
    return rateLimit.build();
  }

  /** The retry backoff with the given jitter source. */
  Backoff backoff(RandomGenerator random) {
    return new Backoff(backoffBase, backoffMax, random);
  }

  private static int atLeastOne(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1: " + value);
    }
    return value;
  }

  private static long atLeastOne(long value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1: " + value);
    }
    return value;
  }

  private static Duration notNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
    return value;
  }

  private static Duration positive(Duration value, String name) {
    if (notNegative(value, name).isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  /** Builds {@link PipelineSettings}; every setting has a default. */
  public static final class Builder {
    private String name = "delivery";
    private int maxEntriesPerRequest = 500;
    private long maxRequestBytes = 5L * 1024 * 1024;
    private int maxInFlightRequests = 8;
    private Duration linger = Duration.ofMillis(20);
    private boolean ordered = true;
    private Duration deliveryTimeout = Duration.ofMinutes(5);
    private Duration backoffBase = Duration.ofMillis(100);
    private Duration backoffMax = Duration.ofSeconds(10);
    private Duration commitWait = Duration.ZERO;
    private long bufferHighWatermarkBytes = 64L * 1024 * 1024;
    private long bufferLowWatermarkBytes = -1;
    private double initialEntriesPerSecond = 1_000_000;
    private double minEntriesPerSecond = 1;
    private double maxEntriesPerSecond = 1_000_000;
    private double entriesPerSecondIncrease = 50;

    private Builder() {}

    /** See {@link PipelineSettings#name()}; default {@code delivery}. */
    public Builder name(String value) {
      this.name = value;
      return this;
    }

    /** See {@link PipelineSettings#maxEntriesPerRequest()}; default 500. */
    public Builder maxEntriesPerRequest(int value) {
      this.maxEntriesPerRequest = value;
      return this;
    }

    /** See {@link PipelineSettings#maxRequestBytes()}; default 5 MiB. */
    public Builder maxRequestBytes(long value) {
      this.maxRequestBytes = value;
      return this;
    }

    /** See {@link PipelineSettings#maxInFlightRequests()}; default 8. */
    public Builder maxInFlightRequests(int value) {
      this.maxInFlightRequests = value;
      return this;
    }

    /** See {@link PipelineSettings#linger()}; default 20 ms. */
    public Builder linger(Duration value) {
      this.linger = value;
      return this;
    }

    /** See {@link PipelineSettings#ordered()}; default {@code true}. */
    public Builder ordered(boolean value) {
      this.ordered = value;
      return this;
    }

    /** See {@link PipelineSettings#deliveryTimeout()}; default 5 minutes. */
    public Builder deliveryTimeout(Duration value) {
      this.deliveryTimeout = value;
      return this;
    }

    /** Retry delay ceilings: the first retry's and every retry's; default 100 ms and 10 s. */
    public Builder backoff(Duration base, Duration max) {
      this.backoffBase = base;
      this.backoffMax = max;
      return this;
    }

    /** See {@link PipelineSettings#commitWait()}; default zero. */
    public Builder commitWait(Duration value) {
      this.commitWait = value;
      return this;
    }

    /** See {@link PipelineSettings#bufferHighWatermarkBytes()}; default 64 MiB. */
    public Builder bufferHighWatermarkBytes(long value) {
      this.bufferHighWatermarkBytes = value;
      return this;
    }

    /** See {@link PipelineSettings#bufferLowWatermarkBytes()}; default half the high mark. */
    public Builder bufferLowWatermarkBytes(long value) {
      this.bufferLowWatermarkBytes = value;
      return this;
    }

    /**
     * The adaptive rate limit per destination, in entries per second (see {@link AimdRateLimiter});
     * default 1,000,000 initial and max, 1 min: no limit until AWS throttles.
     */
    public Builder entriesPerSecond(double initial, double min, double max) {
      this.initialEntriesPerSecond = initial;
      this.minEntriesPerSecond = min;
      this.maxEntriesPerSecond = max;
      return this;
    }

    /** How much each request without throttling raises the rate; default 50 entries/s. */
    public Builder entriesPerSecondIncrease(double value) {
      this.entriesPerSecondIncrease = value;
      return this;
    }

    /** The settings; throws {@link IllegalArgumentException} naming a bad value. */
    public PipelineSettings build() {
      return new PipelineSettings(this);
    }
  }
}
