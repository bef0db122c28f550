package io.kinesisbridge.source;

import io.kinesisbridge.common.aws.AwsConfig;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.common.config.ConfigValidators;
import io.kinesisbridge.common.kinesis.StreamRef;
import io.kinesisbridge.common.metrics.CloudWatchMetricsConfig;
import io.kinesisbridge.source.kinesis.StartPosition;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Configuration of the Kinesis source: which streams to read, where to start, how fast to poll and
 * where records go. The shared {@code aws.*} group comes from {@link AwsConfig}.
 */
public final class KinesisSourceConfig extends AbstractConfig {

  static final String GROUP = "Kinesis";

  public static final String STREAM_NAME_CONFIG = "kinesis.stream.name";
  private static final String STREAM_NAME_DOC =
      "Name of the Kinesis data stream to read; a comma list reads several streams. An item may"
          + " also be a stream ARN (see kinesis.stream.arn). Set this or kinesis.stream.arn, not"
          + " both.";

  public static final String STREAM_ARN_CONFIG = "kinesis.stream.arn";
  private static final String STREAM_ARN_DOC =
      "ARN of the Kinesis data stream to read, e.g."
          + " arn:aws:kinesis:eu-west-1:123456789012:stream/orders; a comma list reads several"
          + " streams, all in one region. Every call sends it as StreamARN, so a stream in another"
          + " account is read through its resource-based policy. The region is taken from it;"
          + " aws.region, if set, must agree. Offsets, topic names and the kinesis.stream header"
          + " use the stream's name, as with kinesis.stream.name. Set this or kinesis.stream.name.";

  public static final String TOPIC_CONFIG = "kafka.topic";
  public static final String STREAM_TEMPLATE = "${stream}";
  private static final String TOPIC_DOC =
      "Kafka topic to write to. ${stream} is replaced by the name of the stream a record came"
          + " from.";
  public static final String TOPIC_DEFAULT = STREAM_TEMPLATE;

  public static final String INITIAL_POSITION_CONFIG = "kinesis.initial.position";
  private static final String INITIAL_POSITION_DOC =
      "Where to start reading a shard that has no stored offset: TRIM_HORIZON (the oldest record"
          + " still retained), LATEST (only records written from now on) or AT_TIMESTAMP"
          + " (kinesis.initial.position.timestamp). Shards with an offset always resume after it.";
  public static final String INITIAL_POSITION_DEFAULT = "TRIM_HORIZON";
  static final List<String> INITIAL_POSITIONS = List.of("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP");

  public static final String INITIAL_TIMESTAMP_CONFIG = "kinesis.initial.position.timestamp";
  private static final String INITIAL_TIMESTAMP_DOC =
      "Start time for kinesis.initial.position=AT_TIMESTAMP, as an ISO-8601 instant such as"
          + " 2024-05-01T00:00:00Z.";

  public static final String POLL_INTERVAL_MS_CONFIG = "kinesis.poll.interval.ms";
  private static final String POLL_INTERVAL_MS_DOC =
      "How long to wait before polling a shard again after it returned no records, in"
          + " milliseconds. A busy shard is polled as often as its read budget of 5 GetRecords"
          + " calls per second allows.";
  public static final long POLL_INTERVAL_MS_DEFAULT = 1_000L;

  public static final String POLL_MAX_RECORDS_CONFIG = "kinesis.poll.max.records";
  private static final String POLL_MAX_RECORDS_DOC =
      "Most Kinesis records one GetRecords call returns (Kinesis allows up to 10,000). A poll stops"
          + " calling further shards once it holds this many records, which bounds a task's buffer.";
  public static final int POLL_MAX_RECORDS_DEFAULT = 1_000;

  public static final String READER_CONFIG = "kinesis.reader";
  private static final String READER_DOC =
      "How records are read: polling (GetRecords, within each shard's shared budget of 5 calls/s"
          + " and 2 MB/s) or efo (enhanced fan-out: SubscribeToShard over HTTP/2, a dedicated 2"
          + " MB/s per shard for this consumer and records pushed within about 70 ms; needs"
          + " kinesis.efo.consumer.name, and AWS bills consumer-shard hours and data retrieved).";
  public static final String READER_POLLING = "polling";
  public static final String READER_EFO = "efo";
  static final List<String> READERS = List.of(READER_POLLING, READER_EFO);

  public static final String EFO_CONSUMER_NAME_CONFIG = "kinesis.efo.consumer.name";
  private static final String EFO_CONSUMER_NAME_DOC =
      "Name of the stream consumer for kinesis.reader=efo. It is registered on each stream when it"
          + " does not exist and reused when it does; give each connector its own name, because a"
          + " consumer holds one subscription per shard.";

  public static final String DISCOVERY_INTERVAL_MS_CONFIG = "kinesis.shard.discovery.interval.ms";
  private static final String DISCOVERY_INTERVAL_MS_DOC =
      "How often the connector lists the shards of its streams to follow splits, merges and"
          + " scaling, in milliseconds. A changed shard set reassigns shards to tasks.";
  public static final long DISCOVERY_INTERVAL_MS_DEFAULT = 30_000L;

  public static final String DEAGGREGATION_CONFIG = "kinesis.deaggregation.enabled";
  private static final String DEAGGREGATION_DOC =
      "Split KPL-aggregated records into their user records. A record that carries the KPL magic"
          + " but is corrupt is passed through unchanged with a warning, as AWS's KCL does.";
  public static final boolean DEAGGREGATION_DEFAULT = true;

  /** Parses and validates {@code props}. */
  public KinesisSourceConfig(Map<String, String> props) {
    super(configDef(), props);
  }

  /** The ConfigDef the worker uses to validate and document this connector's settings. */
  public static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    defineStreams(def);
    definePositions(def);
    definePolling(def);
    defineDiscovery(def);
    defineReader(def);
    return CloudWatchMetricsConfig.addTo(AwsConfig.addTo(def));
  }

  private static void defineStreams(ConfigDef def) {
    def.define(
        STREAM_NAME_CONFIG,
        Type.LIST,
        List.of(),
        Importance.HIGH,
        STREAM_NAME_DOC,
        GROUP,
        1,
        Width.LONG,
        "Stream names");
    def.define(
        STREAM_ARN_CONFIG,
        Type.LIST,
        List.of(),
        Importance.HIGH,
        STREAM_ARN_DOC,
        GROUP,
        2,
        Width.LONG,
        "Stream ARNs");
    def.define(
        TOPIC_CONFIG,
        Type.STRING,
        TOPIC_DEFAULT,
        new ConfigDef.NonEmptyString(),
        Importance.HIGH,
        TOPIC_DOC,
        GROUP,
        3,
        Width.LONG,
        "Kafka topic");
  }

  private static void definePositions(ConfigDef def) {
    def.define(
        INITIAL_POSITION_CONFIG,
        Type.STRING,
        INITIAL_POSITION_DEFAULT,
        ConfigDef.CaseInsensitiveValidString.in(INITIAL_POSITIONS.toArray(String[]::new)),
        Importance.MEDIUM,
        INITIAL_POSITION_DOC,
        GROUP,
        4,
        Width.SHORT,
        "Initial position",
        ConfigValidators.recommend(INITIAL_POSITIONS));
    def.define(
        INITIAL_TIMESTAMP_CONFIG,
        Type.STRING,
        null,
        Importance.LOW,
        INITIAL_TIMESTAMP_DOC,
        GROUP,
        5,
        Width.MEDIUM,
        "Initial position timestamp");
  }

  private static void definePolling(ConfigDef def) {
    def.define(
        POLL_INTERVAL_MS_CONFIG,
        Type.LONG,
        POLL_INTERVAL_MS_DEFAULT,
        ConfigDef.Range.atLeast(200),
        Importance.MEDIUM,
        POLL_INTERVAL_MS_DOC,
        GROUP,
        6,
        Width.SHORT,
        "Idle poll interval (ms)");
    def.define(
        POLL_MAX_RECORDS_CONFIG,
        Type.INT,
        POLL_MAX_RECORDS_DEFAULT,
        ConfigDef.Range.between(1, 10_000),
        Importance.LOW,
        POLL_MAX_RECORDS_DOC,
        GROUP,
        7,
        Width.SHORT,
        "Records per GetRecords call");
  }

  private static void defineDiscovery(ConfigDef def) {
    def.define(
        DISCOVERY_INTERVAL_MS_CONFIG,
        Type.LONG,
        DISCOVERY_INTERVAL_MS_DEFAULT,
        ConfigDef.Range.atLeast(1_000),
        Importance.LOW,
        DISCOVERY_INTERVAL_MS_DOC,
        GROUP,
        8,
        Width.SHORT,
        "Shard discovery interval (ms)");
    def.define(
        DEAGGREGATION_CONFIG,
        Type.BOOLEAN,
        DEAGGREGATION_DEFAULT,
        Importance.LOW,
        DEAGGREGATION_DOC,
        GROUP,
        9,
        Width.SHORT,
        "Deaggregate KPL records");
  }

  private static void defineReader(ConfigDef def) {
    def.define(
        READER_CONFIG,
        Type.STRING,
        READER_POLLING,
        ConfigDef.CaseInsensitiveValidString.in(READERS.toArray(String[]::new)),
        Importance.MEDIUM,
        READER_DOC,
        GROUP,
        10,
        Width.SHORT,
        "Reader",
        ConfigValidators.recommend(READERS));
    def.define(
        EFO_CONSUMER_NAME_CONFIG,
        Type.STRING,
        null,
        Importance.MEDIUM,
        EFO_CONSUMER_NAME_DOC,
        GROUP,
        11,
        Width.MEDIUM,
        "Enhanced fan-out consumer name");
  }

  /** Whether records are read by enhanced fan-out rather than GetRecords. */
  public boolean enhancedFanOut() {
    return getString(READER_CONFIG).trim().equalsIgnoreCase(READER_EFO);
  }

  /** The stream consumer's name for enhanced fan-out, or null. */
  public String efoConsumerName() {
    String name = getString(EFO_CONSUMER_NAME_CONFIG);
    return name == null ? null : name.trim();
  }

  /**
   * The streams to read, from kinesis.stream.name and kinesis.stream.arn (either may hold ARNs).
   *
   * @throws IllegalArgumentException when an item is not a valid stream name or ARN
   */
  public List<StreamRef> streamRefs() {
    List<StreamRef> streams = new ArrayList<>();
    for (String key : List.of(STREAM_NAME_CONFIG, STREAM_ARN_CONFIG)) {
      for (String item : getList(key)) {
        if (!item.isBlank()) {
          streams.add(StreamRef.parse(item));
        }
      }
    }
    return List.copyOf(streams);
  }

  /** The names of the streams to read: their identity in offsets, headers and topic names. */
  public List<String> streams() {
    return streamRefs().stream().map(StreamRef::name).toList();
  }

  /** The AWS settings, with the region taken from the stream ARNs when aws.region is empty. */
  public AwsSettings awsSettings() {
    AwsSettings settings = AwsSettings.from(this);
    for (StreamRef stream : streamRefs()) {
      if (stream.region().isPresent()) {
        settings = settings.withRegionFromArn(stream.streamArnParameter());
      }
    }
    return settings;
  }

  /** The Kafka topic for records of {@code stream}. */
  public String topicFor(String stream) {
    return getString(TOPIC_CONFIG).replace(STREAM_TEMPLATE, stream);
  }

  /** Where shards without an offset start. */
  public StartPosition initialPosition() {
    String kind = getString(INITIAL_POSITION_CONFIG).trim().toUpperCase(Locale.ROOT);
    if (kind.equals("AT_TIMESTAMP")) {
      return StartPosition.atTimestamp(Instant.parse(getString(INITIAL_TIMESTAMP_CONFIG).trim()));
    }
    return kind.equals("LATEST") ? StartPosition.latest() : StartPosition.trimHorizon();
  }

  /** Wait before polling an idle shard again. */
  public Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG));
  }

  /** The GetRecords limit. */
  public int pollMaxRecords() {
    return getInt(POLL_MAX_RECORDS_CONFIG);
  }

  /** How often the connector re-lists shards. */
  public Duration discoveryInterval() {
    return Duration.ofMillis(getLong(DISCOVERY_INTERVAL_MS_CONFIG));
  }

  /** Whether KPL aggregates are split into user records. */
  public boolean deaggregation() {
    return getBoolean(DEAGGREGATION_CONFIG);
  }
}
