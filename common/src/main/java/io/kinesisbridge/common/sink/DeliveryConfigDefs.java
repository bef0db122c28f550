package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.config.ConfigValidators;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The delivery keys every sink built on {@link DeliveryPipeline} shares: linger, requests in flight
 * and the buffer bound (group Batching, after the sink's own batch limits), the delivery timeout
 * and backoff (Retries) and the null value behaviour (Errors). Each sink defines them under its own
 * prefix; the texts name its service so the generated references read naturally.
 */
public final class DeliveryConfigDefs {

  public static final String BATCHING_GROUP = "Batching";
  public static final String RETRIES_GROUP = "Retries";
  public static final String ERRORS_GROUP = "Errors";

  // Key names after the sink's prefix.
  public static final String LINGER_MS = "linger.ms";
  public static final String MAX_IN_FLIGHT = "max.in.flight.requests";
  public static final String BUFFER_MAX_BYTES = "buffer.max.bytes";
  public static final String DELIVERY_TIMEOUT_MS = "delivery.timeout.ms";
  public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
  public static final String COMMIT_WAIT_MS = "commit.wait.ms";
  public static final String NULL_VALUE_BEHAVIOR = "null.value.behavior";

  /** The Batching keys defined here follow the sink's records-per-call and bytes-per-call keys. */
  private static final int BATCH_LIMIT_KEYS = 2;

  private static final String LINGER_MS_DOC =
      "How long a partly filled batch may wait for more records before it is sent.";

  private static final String DELIVERY_TIMEOUT_MS_DOC =
      "How long a record may take from put() to acknowledgement, retries included. Past it the"
          + " task fails; the record's offset is not committed, so it is sent again after a"
          + " restart.";

  private static final String RETRY_BACKOFF_MS_DOC =
      "First wait before resending failed records; doubles per attempt, with jitter.";

  private static final String RETRY_BACKOFF_MAX_MS_DOC = "Longest wait between resends.";

  private static final String COMMIT_WAIT_MS_DOC =
      "How long an offset commit may wait for the records already taken to be acknowledged. Connect"
          + " commits just before it revokes partitions (a rebalance, a worker leaving or"
          + " joining) and before a task stops (a restart, a rolling upgrade); records"
          + " acknowledged after that commit are sent again by the partitions' next owner, so"
          + " waiting turns most of those duplicates into committed offsets. Periodic commits"
          + " wait too, usually one round trip, while calls in flight go on. Keep it below the"
          + " worker's task.shutdown.graceful.timeout.ms (5 s by default). 0: never wait.";

  private static final String NULL_VALUE_BEHAVIOR_DOC =
      "What to do with a record whose value is null (a tombstone): 'skip' it (its offset still"
          + " commits), 'fail' (to the errant record reporter / DLQ, or fail the task when"
          + " errors.tolerance=none), or 'send' it as an envelope whose value is null, so"
          + " consumers see the deletes of a compacted topic (only with the envelope format).";

  /**
   * What differs between the sinks' delivery keys: the key prefix, the words the docs use and the
   * linger default.
   *
   * @param prefix key prefix, with its dot ({@code "kinesis."})
   * @param service the service that acknowledges records ({@code "Kinesis"})
   * @param call the API call that sends a batch ({@code "PutRecords"})
   * @param destination what one call writes to ({@code "stream"})
   * @param lingerMs the default linger
   * @param lingerNote appended to the linger doc; empty for none
   */
  public record Defaults(
      String prefix,
      String service,
      String call,
      String destination,
      long lingerMs,
      String lingerNote) {

    /** Checks that every part is present. */
    public Defaults {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(lingerNote, "lingerNote");
    }
  }

  private DeliveryConfigDefs() {}

  /** What a sink does with a record whose value is null (a tombstone). */
  public enum NullValues {
    /** Not sent; its offset commits. */
    SKIP,
    /** A bad record: to the errant record reporter, or the task fails. */
    FAIL,
    /** Sent as an envelope whose value is null (envelope format only). */
    SEND
  }

  /** The null value behaviour under {@code prefix}. */
  public static NullValues nullValues(AbstractConfig config, String prefix) {
    return NullValues.valueOf(
        config.getString(prefix + NULL_VALUE_BEHAVIOR).trim().toUpperCase(Locale.ROOT));
  }

  /** Defines the shared Batching, Retries and Errors keys under {@code d.prefix()}. */
  public static ConfigDef define(ConfigDef def, Defaults d) {
    defineBatching(def, d);
    defineRetries(def, d.prefix());
    defineErrors(def, d.prefix());
    return def;
  }

  private static void defineBatching(ConfigDef def, Defaults d) {
    int order = BATCH_LIMIT_KEYS;
    def.define(
            d.prefix() + LINGER_MS,
            Type.LONG,
            d.lingerMs(),
            Range.between(0, 60_000),
            Importance.MEDIUM,
            LINGER_MS_DOC + d.lingerNote(),
            BATCHING_GROUP,
            ++order,
            Width.SHORT,
            "Linger")
        .define(
            d.prefix() + MAX_IN_FLIGHT,
            Type.INT,
            8,
            Range.between(1, 128),
            Importance.LOW,
            "Most " + d.call() + " calls outstanding per " + d.destination() + ".",
            BATCHING_GROUP,
            ++order,
            Width.SHORT,
            "Calls in flight")
        .define(
            d.prefix() + BUFFER_MAX_BYTES,
            Type.LONG,
            64L * 1024 * 1024,
            Range.atLeast(1024 * 1024),
            Importance.MEDIUM,
            bufferDoc(d.service()),
            BATCHING_GROUP,
            ++order,
            Width.SHORT,
            "Buffer bound");
  }

  private static String bufferDoc(String service) {
    return "Most bytes of records a task holds that "
        + service
        + " has not acknowledged (payload and key), plus 9 bytes per record whose offset waits"
        + " behind an unacknowledged one. Above it the task pauses its partitions (the consumer"
        + " keeps its group membership) and resumes them below half of it.";
  }

  private static void defineRetries(ConfigDef def, String prefix) {
    int order = 0;
    def.define(
            prefix + DELIVERY_TIMEOUT_MS,
            Type.LONG,
            300_000L,
            Range.atLeast(1_000),
            Importance.MEDIUM,
            DELIVERY_TIMEOUT_MS_DOC,
            RETRIES_GROUP,
            ++order,
            Width.SHORT,
            "Delivery timeout")
        .define(
            prefix + RETRY_BACKOFF_MS,
            Type.LONG,
            100L,
            Range.atLeast(1),
            Importance.LOW,
            RETRY_BACKOFF_MS_DOC,
            RETRIES_GROUP,
            ++order,
            Width.SHORT,
            "Retry backoff")
        .define(
            prefix + RETRY_BACKOFF_MAX_MS,
            Type.LONG,
            10_000L,
            Range.atLeast(1),
            Importance.LOW,
            RETRY_BACKOFF_MAX_MS_DOC,
            RETRIES_GROUP,
            ++order,
            Width.SHORT,
            "Retry backoff max")
        .define(
            prefix + COMMIT_WAIT_MS,
            Type.LONG,
            2_000L,
            Range.between(0, 60_000),
            Importance.LOW,
            COMMIT_WAIT_MS_DOC,
            RETRIES_GROUP,
            ++order,
            Width.SHORT,
            "Commit wait");
  }

  private static void defineErrors(ConfigDef def, String prefix) {
    def.define(
        prefix + NULL_VALUE_BEHAVIOR,
        Type.STRING,
        "skip",
        ConfigValidators.oneOf(List.of("skip", "fail", "send")),
        Importance.MEDIUM,
        NULL_VALUE_BEHAVIOR_DOC,
        ERRORS_GROUP,
        1,
        Width.SHORT,
        "Null values");
  }

  /**
   * The delivery keys of one sink's config, read under the sink's prefix: what both sink configs
   * hand their task and their validate().
   *
   * @param config the sink's parsed config
   * @param prefix the sink's key prefix, e.g. {@code kinesis.}
   * @param envelopeFormat whether the sink writes envelopes, the only format a null value fits
   * @param envelopeSetting the setting that selects envelopes, for messages
   */
  public record Keys(
      AbstractConfig config, String prefix, boolean envelopeFormat, String envelopeSetting) {

    /** The pipeline settings the keys imply: linger, calls in flight, timeout, backoff, buffer. */
    public PipelineSettings.Builder pipelineSettings() {
      return PipelineSettings.fromConfig(config, prefix);
    }

    /** The configured null value behaviour. */
    public NullValues nullValues() {
      return DeliveryConfigDefs.nullValues(config, prefix);
    }

    /** What to do with a record whose value is null, as both sinks' preparations apply it. */
    public NullValueRule nullValueRule() {
      NullValues behavior = nullValues();
      return new NullValueRule(
          behavior == NullValues.SKIP,
          // validate() allows 'send' only with the envelope format; elsewhere it is a bad record.
          behavior == NullValues.SEND && envelopeFormat,
          "the value is null and "
              + prefix
              + NULL_VALUE_BEHAVIOR
              + "="
              + config.getString(prefix + NULL_VALUE_BEHAVIOR));
    }

    /**
     * Problems between the delivery keys, and of the null value behaviour with the payload format,
     * by key, for validate().
     */
    public Map<String, String> problems() {
      Map<String, String> problems = new LinkedHashMap<>();
      problems.putAll(PipelineSettings.crossKeyProblems(config, prefix));
      if (nullValues() == NullValues.SEND && !envelopeFormat) {
        problems.put(
            prefix + NULL_VALUE_BEHAVIOR,
            "'send' writes a tombstone as an envelope with a null value, so it needs "
                + envelopeSetting
                + "; in any other format a null value has nothing to send: use 'skip' or 'fail'.");
      }
      return problems;
    }
  }

  /**
   * What a sink does with a record whose value is null.
   *
   * @param skip not sent, its offset commits
   * @param send sent (as an envelope whose value is null)
   * @param rejection otherwise a bad record, with this reason
   */
  public record NullValueRule(boolean skip, boolean send, String rejection) {}
}
