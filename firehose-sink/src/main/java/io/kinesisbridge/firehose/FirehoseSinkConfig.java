package io.kinesisbridge.firehose;

import io.kinesisbridge.common.aws.AwsArn;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.common.convert.RecordPayload;
import io.kinesisbridge.common.sink.DeliveryConfigDefs;
import io.kinesisbridge.firehose.batch.FirehoseLimits;
import io.kinesisbridge.firehose.format.PayloadFormats;
import io.kinesisbridge.firehose.format.RecordDelimiter;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the Firehose sink: the delivery stream, the record format, packing, batching,
 * retries and errors, plus the shared AWS group.
 */
public final class FirehoseSinkConfig extends AbstractConfig {

  static final String FIREHOSE_GROUP = "Firehose";

  /** The shared delivery keys' prefix, service and call names, and linger default. */
  static final DeliveryConfigDefs.Defaults DELIVERY =
      new DeliveryConfigDefs.Defaults(
          "firehose.",
          "Firehose",
          "PutRecordBatch",
          "delivery stream",
          100L,
          " Longer lingers make fuller packed records; Firehose buffers for its own interval"
              + " anyway.");

  /** The only template variable of delivery stream names and ARNs. */
  public static final String TOPIC_TEMPLATE = "${topic}";

  // Keys, by group; their types, defaults and docs are in FirehoseConfigDefs.
  public static final String DELIVERY_STREAM_CONFIG = "firehose.delivery.stream";
  public static final String DELIVERY_STREAM_ARN_CONFIG = "firehose.delivery.stream.arn";
  public static final String FORMAT_CONFIG = "firehose.format";
  public static final String DELIMITER_CONFIG = "firehose.record.delimiter";
  public static final String PACKING_CONFIG = "firehose.aggregation.enabled";

  public static final String BATCH_MAX_RECORDS_CONFIG = "firehose.batch.max.records";
  public static final String BATCH_MAX_BYTES_CONFIG = "firehose.batch.max.bytes";
  public static final String LINGER_MS_CONFIG = "firehose.linger.ms";
  public static final String MAX_IN_FLIGHT_CONFIG = "firehose.max.in.flight.requests";
  public static final String BUFFER_MAX_BYTES_CONFIG = "firehose.buffer.max.bytes";

  public static final String DELIVERY_TIMEOUT_MS_CONFIG = "firehose.delivery.timeout.ms";
  public static final String RETRY_BACKOFF_MS_CONFIG = "firehose.retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "firehose.retry.backoff.max.ms";

  public static final String NULL_VALUE_BEHAVIOR_CONFIG = "firehose.null.value.behavior";

  private static final ConfigDef DEF = FirehoseConfigDefs.build();

  /** Parses and validates {@code props}; throws {@code ConfigException} on bad single values. */
  public FirehoseSinkConfig(Map<String, String> props) {
    super(DEF, props);
  }

  /** The ConfigDef the worker uses to validate and document this connector's settings. */
  public static ConfigDef configDef() {
    return new ConfigDef(DEF);
  }

  /**
   * The configured delivery stream name or ARN, possibly with {@code ${topic}}; null if neither.
   */
  public String deliveryStreamTemplate() {
    String arn = trimmedOrNull(getString(DELIVERY_STREAM_ARN_CONFIG));
    return arn != null ? arn : trimmedOrNull(getString(DELIVERY_STREAM_CONFIG));
  }

  /** The record delimiter, from the raw value (Kafka would trim a real line feed away). */
  public RecordDelimiter delimiter() {
    Object raw = originals().get(DELIMITER_CONFIG);
    String text = raw == null ? RecordDelimiter.DEFAULT : raw.toString();
    try {
      return RecordDelimiter.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(DELIMITER_CONFIG, text, e.getMessage());
    }
  }

  /** The name of the payload format, lower-case. */
  public String formatName() {
    return lower(FORMAT_CONFIG);
  }

  /** Whether records go out as envelopes ({@code firehose.format=envelope}). */
  public boolean envelopeFormat() {
    return PayloadFormats.ENVELOPE.equals(formatName());
  }

  /** The payload format: how a record becomes the bytes before the delimiter. */
  public RecordPayload format() {
    return PayloadFormats.named(formatName(), delimiter());
  }

  public boolean packingEnabled() {
    return getBoolean(PACKING_CONFIG);
  }

  public int batchMaxRecords() {
    return getInt(BATCH_MAX_RECORDS_CONFIG);
  }

  public int batchMaxBytes() {
    return getInt(BATCH_MAX_BYTES_CONFIG);
  }

  /** The largest record the sink accepts, delimiter included: Firehose's limit or a whole call. */
  public int maxRecordBytes() {
    return Math.min(FirehoseLimits.MAX_RECORD_BYTES, batchMaxBytes());
  }

  /** The delivery keys (linger, in flight, timeout, backoff, buffer, null values) of this sink. */
  public DeliveryConfigDefs.Keys delivery() {
    return new DeliveryConfigDefs.Keys(
        this, DELIVERY.prefix(), envelopeFormat(), FORMAT_CONFIG + "=" + PayloadFormats.ENVELOPE);
  }

  /**
   * The AWS settings, with the region taken from the delivery stream ARN (in either delivery stream
   * key) when aws.region is empty.
   */
  public AwsSettings awsSettings() {
    String template = deliveryStreamTemplate();
    return AwsSettings.from(this)
        .withRegionFromArn(template == null ? null : regionArn(template).orElse(null));
  }

  /**
   * The delivery stream ARN in either delivery stream key of {@code props}, with {@code ${topic}}
   * filled in: a templated ARN still names its region. Empty when the stream is given by name.
   */
  public static Optional<String> deliveryStreamArn(Map<String, String> props) {
    String arn = trimmedOrNull(props.get(DELIVERY_STREAM_ARN_CONFIG));
    String name = trimmedOrNull(props.get(DELIVERY_STREAM_CONFIG));
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
