package io.kinesisbridge.sink;

import io.kinesisbridge.common.aws.AwsArn;
import io.kinesisbridge.common.aws.AwsConfig;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.common.config.ConfigValidators;
import io.kinesisbridge.common.convert.RecordPayload;
import io.kinesisbridge.common.metrics.CloudWatchMetricsConfig;
import io.kinesisbridge.common.sink.DeliveryConfigDefs;
import io.kinesisbridge.sink.autoscale.AutoscaleConfig;
import io.kinesisbridge.sink.autoscale.ScalingPolicy;
import io.kinesisbridge.sink.key.PartitionKeyStrategy;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the Kinesis sink: the target stream, batching, ordering, retries, errors and
 * shard auto-scaling.
 */
public final class KinesisSinkConfig extends AbstractConfig {

  static final String KINESIS_GROUP = "Kinesis";

  /** The shared delivery keys' prefix, service and call names, and linger default. */
  static final DeliveryConfigDefs.Defaults DELIVERY =
      new DeliveryConfigDefs.Defaults("kinesis.", "Kinesis", "PutRecords", "stream", 20L, "");

  /** The only template variable of stream names and ARNs. */
  public static final String TOPIC_TEMPLATE = "${topic}";

  public static final String STREAM_NAME_CONFIG = "kinesis.stream.name";
  private static final String STREAM_NAME_DOC =
      "Kinesis data stream to write to, by name or by ARN (see kinesis.stream.arn). '${topic}' is"
          + " replaced by the record's topic after SMTs (a RegexRouter's new name, say), so one"
          + " connector can feed one stream per topic. Set this or kinesis.stream.arn.";

  public static final String STREAM_ARN_CONFIG = "kinesis.stream.arn";
  private static final String STREAM_ARN_DOC =
      "ARN of the stream, instead of kinesis.stream.name, e.g."
          + " arn:aws:kinesis:eu-west-1:123456789012:stream/orders. Every call sends it as"
          + " StreamARN, so a stream in another account is reached through its resource-based"
          + " policy. The region is taken from it; aws.region, if set, must agree."
          + " '${topic}' is allowed in the name part.";

  public static final String PARTITION_KEY_CONFIG = "kinesis.partition.key";
  private static final String PARTITION_KEY_DOC =
      "Where each record's partition key comes from: 'key' (the record key: strings as they are,"
          + " bytes as base64, structured keys as compact JSON), 'topic-partition', 'random',"
          + " 'field:<path>' (a dotted path into the value) or 'header:<name>'. A null or empty"
          + " result falls back to '<topic>-<partition>'; keys over 256 characters are replaced"
          + " by 'sha256:<hex digest>'.";
  public static final String PARTITION_KEY_DEFAULT = "key";

  public static final String EXPLICIT_HASH_KEY_CONFIG = "kinesis.explicit.hash.key";
  private static final String EXPLICIT_HASH_KEY_DOC =
      "'none': Kinesis hashes the partition key (MD5) to pick the shard. 'spread-partitions':"
          + " Kafka partition p goes to open shard p mod (number of shards), by an explicit hash"
          + " key at the middle of that shard's range, so N partitions use N shards even with few"
          + " distinct keys. The shard map is refreshed after resharding.";
  public static final String EXPLICIT_HASH_KEY_DEFAULT = "none";

  public static final String PAYLOAD_FORMAT_CONFIG = "kinesis.payload.format";
  private static final String PAYLOAD_FORMAT_DOC =
      "What each Kinesis record's data holds. 'value': the record value alone (bytes and strings"
          + " as they are, anything else as JSON). 'envelope': one JSON document with topic,"
          + " partition and offset (where the record was read, before SMTs: drop duplicates by"
          + " them), timestamp, key, value and headers; JSON stays JSON, other bytes become"
          + " base64 marked by a keyEncoding/valueEncoding member (see the Envelope format"
          + " section of the docs). The envelope counts against the stream's record size limit.";
  public static final String PAYLOAD_FORMAT_VALUE = "value";
  public static final String PAYLOAD_FORMAT_ENVELOPE = "envelope";

  public static final String AGGREGATION_ENABLED_CONFIG = "kinesis.aggregation.enabled";
  private static final String AGGREGATION_ENABLED_DOC =
      "Pack many records bound for the same shard into one KPL-format aggregated Kinesis record"
          + " (readable by the KCL and by kinesis-bridge's source). Far fewer Kinesis records and"
          + " API calls for small records.";

  public static final String ORDERING_CONFIG = "kinesis.ordering";
  private static final String ORDERING_DOC =
      "'per-key': records with the same partition key reach"
          + " Kinesis in offset order, also across retries and reshards, and records of different"
          + " keys never wait for each other (one unacknowledged record per key at a time)."
          + " 'per-partition': records of one Kafka"
          + " partition reach each shard in offset order, also across retries and reshards: no"
          + " newer record of a partition is sent while an older one is unacknowledged. 'none': no"
          + " ordering across retries, for throughput. With aggregation, 'per-key' keeps at most"
          + " one aggregate per shard unacknowledged.";
  public static final String ORDERING_DEFAULT = "per-key";

  /** What {@link #ORDERING_CONFIG} promises. */
  public enum Ordering {
    /** Records of one partition key in offset order. */
    PER_KEY,
    /** Records of one Kafka partition in offset order per shard. */
    PER_PARTITION,
    /** No order across retries. */
    NONE
  }

  public static final String BATCH_MAX_RECORDS_CONFIG = "kinesis.batch.max.records";
  private static final String BATCH_MAX_RECORDS_DOC =
      "Most Kinesis records in one PutRecords call (AWS allows 500).";

  public static final String BATCH_MAX_BYTES_CONFIG = "kinesis.batch.max.bytes";
  private static final String BATCH_MAX_BYTES_DOC =
      "Most bytes (data plus partition keys) in one PutRecords call. AWS allows 10 MiB on current"
          + " endpoints and 5 MiB on older ones.";

  public static final String LINGER_MS_CONFIG = "kinesis.linger.ms";
  public static final String MAX_IN_FLIGHT_CONFIG = "kinesis.max.in.flight.requests";

  public static final String BUFFER_MAX_BYTES_CONFIG = "kinesis.buffer.max.bytes";
  public static final String DELIVERY_TIMEOUT_MS_CONFIG = "kinesis.delivery.timeout.ms";
  public static final String RETRY_BACKOFF_MS_CONFIG = "kinesis.retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "kinesis.retry.backoff.max.ms";

  public static final String SHARD_REFRESH_MS_CONFIG = "kinesis.shard.map.refresh.interval.ms";
  private static final String SHARD_REFRESH_MS_DOC =
      "How often the shard map (used by aggregation and spread-partitions) is listed again. It"
          + " is also refreshed at once when a record lands on a shard it did not expect.";

  public static final String NULL_VALUE_BEHAVIOR_CONFIG = "kinesis.null.value.behavior";
  private static final ConfigDef DEF = build();

  /** Parses and validates {@code props}; throws {@code ConfigException} on bad single values. */
  public KinesisSinkConfig(Map<String, String> props) {
    super(DEF, props);
  }

  /** The ConfigDef the worker uses to validate and document this connector's settings. */
  public static ConfigDef configDef() {
    return new ConfigDef(DEF);
  }

  private static ConfigDef build() {
    ConfigDef def = new ConfigDef();
    defineKinesis(def);
    defineBatchLimits(def);
    DeliveryConfigDefs.define(def, DELIVERY);
    AutoscaleConfig.addTo(def);
    return CloudWatchMetricsConfig.addTo(AwsConfig.addTo(def));
  }

  private static void defineKinesis(ConfigDef def) {
    int order = 0;
    def.define(
            STREAM_NAME_CONFIG,
            Type.STRING,
            null,
            Importance.HIGH,
            STREAM_NAME_DOC,
            KINESIS_GROUP,
            ++order,
            Width.LONG,
            "Stream name")
        .define(
            STREAM_ARN_CONFIG,
            Type.STRING,
            null,
            Importance.HIGH,
            STREAM_ARN_DOC,
            KINESIS_GROUP,
            ++order,
            Width.LONG,
            "Stream ARN")
        .define(
            PARTITION_KEY_CONFIG,
            Type.STRING,
            PARTITION_KEY_DEFAULT,
            PartitionKeyStrategy.VALIDATOR,
            Importance.HIGH,
            PARTITION_KEY_DOC,
            KINESIS_GROUP,
            ++order,
            Width.MEDIUM,
            "Partition key")
        .define(
            EXPLICIT_HASH_KEY_CONFIG,
            Type.STRING,
            EXPLICIT_HASH_KEY_DEFAULT,
            ConfigValidators.oneOf(List.of("none", "spread-partitions")),
            Importance.MEDIUM,
            EXPLICIT_HASH_KEY_DOC,
            KINESIS_GROUP,
            ++order,
            Width.MEDIUM,
            "Explicit hash key")
        .define(
            PAYLOAD_FORMAT_CONFIG,
            Type.STRING,
            PAYLOAD_FORMAT_VALUE,
            ConfigValidators.oneOf(List.of(PAYLOAD_FORMAT_VALUE, PAYLOAD_FORMAT_ENVELOPE)),
            Importance.MEDIUM,
            PAYLOAD_FORMAT_DOC,
            KINESIS_GROUP,
            ++order,
            Width.SHORT,
            "Payload format")
        .define(
            AGGREGATION_ENABLED_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            AGGREGATION_ENABLED_DOC,
            KINESIS_GROUP,
            ++order,
            Width.SHORT,
            "Aggregation")
        .define(
            ORDERING_CONFIG,
            Type.STRING,
            ORDERING_DEFAULT,
            ConfigValidators.oneOf(List.of("per-key", "per-partition", "none")),
            Importance.MEDIUM,
            ORDERING_DOC,
            KINESIS_GROUP,
            ++order,
            Width.SHORT,
            "Ordering")
        .define(
            SHARD_REFRESH_MS_CONFIG,
            Type.LONG,
            60_000L,
            Range.atLeast(1_000),
            Importance.LOW,
            SHARD_REFRESH_MS_DOC,
            KINESIS_GROUP,
            ++order,
            Width.SHORT,
            "Shard map refresh");
  }

  private static void defineBatchLimits(ConfigDef def) {
    int order = 0;
    def.define(
            BATCH_MAX_RECORDS_CONFIG,
            Type.INT,
            500,
            Range.between(1, 500),
            Importance.LOW,
            BATCH_MAX_RECORDS_DOC,
            DeliveryConfigDefs.BATCHING_GROUP,
            ++order,
            Width.SHORT,
            "Records per call")
        .define(
            BATCH_MAX_BYTES_CONFIG,
            Type.INT,
            5 * 1024 * 1024,
            Range.between(1024, 10 * 1024 * 1024),
            Importance.LOW,
            BATCH_MAX_BYTES_DOC,
            DeliveryConfigDefs.BATCHING_GROUP,
            ++order,
            Width.SHORT,
            "Bytes per call");
  }

  /** The configured stream name or ARN, possibly with {@code ${topic}}; null if neither. */
  public String streamTemplate() {
    String arn = getString(STREAM_ARN_CONFIG);
    return arn != null && !arn.isBlank()
        ? arn.trim()
        : trimmedOrNull(getString(STREAM_NAME_CONFIG));
  }

  public PartitionKeyStrategy partitionKeyStrategy() {
    return PartitionKeyStrategy.parse(getString(PARTITION_KEY_CONFIG));
  }

  public boolean spreadPartitions() {
    return "spread-partitions".equals(lower(EXPLICIT_HASH_KEY_CONFIG));
  }

  /** What a record's Kinesis data holds: the value alone or the whole record's envelope. */
  public RecordPayload payloadFormat() {
    return envelopeFormat() ? RecordPayload.envelope() : RecordPayload.value();
  }

  /** Whether records go out as envelopes ({@code kinesis.payload.format=envelope}). */
  public boolean envelopeFormat() {
    return PAYLOAD_FORMAT_ENVELOPE.equals(lower(PAYLOAD_FORMAT_CONFIG));
  }

  public boolean aggregationEnabled() {
    return getBoolean(AGGREGATION_ENABLED_CONFIG);
  }

  public Ordering ordering() {
    return Ordering.valueOf(lower(ORDERING_CONFIG).replace('-', '_').toUpperCase(Locale.ROOT));
  }

  public int batchMaxRecords() {
    return getInt(BATCH_MAX_RECORDS_CONFIG);
  }

  public int batchMaxBytes() {
    return getInt(BATCH_MAX_BYTES_CONFIG);
  }

  /** The delivery keys (linger, in flight, timeout, backoff, buffer, null values) of this sink. */
  public DeliveryConfigDefs.Keys delivery() {
    return new DeliveryConfigDefs.Keys(
        this,
        DELIVERY.prefix(),
        envelopeFormat(),
        PAYLOAD_FORMAT_CONFIG + "=" + PAYLOAD_FORMAT_ENVELOPE);
  }

  /**
   * The shard auto-scaling policy when {@code kinesis.autoscale.enabled=true}, else empty.
   *
   * @throws org.apache.kafka.common.config.ConfigException when the autoscaling keys conflict
   */
  public Optional<ScalingPolicy> scalingPolicy() {
    return AutoscaleConfig.policy(this);
  }

  public Duration shardMapRefreshInterval() {
    return Duration.ofMillis(getLong(SHARD_REFRESH_MS_CONFIG));
  }

  /**
   * The AWS settings, with the region taken from the stream ARN (in kinesis.stream.arn or
   * kinesis.stream.name) when aws.region is empty.
   */
  public AwsSettings awsSettings() {
    String template = streamTemplate();
    return AwsSettings.from(this)
        .withRegionFromArn(template == null ? null : regionArn(template).orElse(null));
  }

  /**
   * The stream ARN in either stream key of {@code props}, with {@code ${topic}} filled in: a
   * templated ARN still names its region and account. Empty when the stream is given by name.
   */
  public static Optional<String> streamArn(Map<String, String> props) {
    String arn = trimmedOrNull(props.get(STREAM_ARN_CONFIG));
    String name = trimmedOrNull(props.get(STREAM_NAME_CONFIG));
    return regionArn(arn != null ? arn : name);
  }

  private static Optional<String> regionArn(String template) {
    return template != null && AwsArn.looksLikeArn(template)
        ? Optional.of(template.replace(TOPIC_TEMPLATE, "stream"))
        : Optional.empty();
  }

  private String lower(String key) {
    return getString(key).trim().toLowerCase(Locale.ROOT);
  }

  private static String trimmedOrNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
