package io.kinesisbridge.firehose;

import io.kinesisbridge.common.aws.AwsConfig;
import io.kinesisbridge.common.config.ConfigValidators;
import io.kinesisbridge.common.metrics.CloudWatchMetricsConfig;
import io.kinesisbridge.common.sink.DeliveryConfigDefs;
import io.kinesisbridge.firehose.batch.FirehoseLimits;
import io.kinesisbridge.firehose.format.PayloadFormats;
import io.kinesisbridge.firehose.format.RecordDelimiter;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import static io.kinesisbridge.firehose.FirehoseSinkConfig.BATCH_MAX_BYTES_CONFIG;
import static io.kinesisbridge.firehose.FirehoseSinkConfig.BATCH_MAX_RECORDS_CONFIG;
import static io.kinesisbridge.firehose.FirehoseSinkConfig.DELIMITER_CONFIG;
import static io.kinesisbridge.firehose.FirehoseSinkConfig.DELIVERY_STREAM_ARN_CONFIG;
import static io.kinesisbridge.firehose.FirehoseSinkConfig.DELIVERY_STREAM_CONFIG;
import static io.kinesisbridge.firehose.FirehoseSinkConfig.FIREHOSE_GROUP;
import static io.kinesisbridge.firehose.FirehoseSinkConfig.FORMAT_CONFIG;
import static io.kinesisbridge.firehose.FirehoseSinkConfig.PACKING_CONFIG;

/**
 * The ConfigDef of {@link FirehoseSinkConfig}: every key's type, default, validator, group and
 * documentation (which the generated reference in docs/firehose-sink.md shows). Kept apart from the
 * typed accessors so each class stays readable.
 */
final class FirehoseConfigDefs {

  private static final String DELIVERY_STREAM_DOC =
      "Name of the Firehose delivery stream (source type Direct PUT) to write to, or its ARN"
          + " (see firehose.delivery.stream.arn). '${topic}' is replaced by the record's topic after"
          + " SMTs (a RegexRouter's new name, say), so one connector can feed one delivery stream"
          + " per topic. Set this or"
          + " firehose.delivery.stream.arn.";

  private static final String DELIVERY_STREAM_ARN_DOC =
      "ARN of the delivery stream, instead of firehose.delivery.stream, e.g."
          + " arn:aws:firehose:eu-west-1:123456789012:deliverystream/orders-to-s3. Firehose's API"
          + " takes only the name, so the name and the region are taken from it (aws.region, if"
          + " set, must agree) and the calls go to the caller's account: for a delivery stream in"
          + " another account set aws.sts.role.arn to a role in that account. '${topic}' is"
          + " allowed in the name part.";

  private static final String FORMAT_DOC =
      "How each record value is written. 'bytes': byte arrays and strings as they are, anything"
          + " else as JSON. 'json': one JSON document per record (a String that already holds a"
          + " JSON object or array is written as it is, not quoted again), for JSON lines and"
          + " Redshift COPY FORMAT AS JSON 'auto'. 'csv': one RFC 4180 line per record, for"
          + " Redshift COPY FORMAT AS CSV: a Struct's fields in schema order, a Map's entries in"
          + " key order, nested values as JSON, null as an empty field. 'envelope': one JSON"
          + " document per record with topic, partition and offset (where the record was read,"
          + " before SMTs: drop duplicates by them), timestamp, key, value and headers; JSON"
          + " stays JSON, other bytes become base64 marked by a keyEncoding/valueEncoding member"
          + " (see the Envelope format section of the docs).";

  private static final String DELIMITER_DOC =
      "Written after every record, since Firehose adds nothing between records. Escapes: \\n"
          + " (line feed, the default), \\r\\n, \\t, \\\\; other characters as they are; 'none'"
          + " for no delimiter.";

  private static final String PACKING_DOC =
      "Pack consecutive records, each followed by the delimiter, into one Firehose record of up"
          + " to 1,000 KiB. The destination receives exactly the same bytes, but Firehose bills"
          + " every record rounded up to 5 KB, so small records cost far less packed, and far"
          + " fewer records count against the delivery stream's records-per-second quota.";

  private static final String BATCH_MAX_RECORDS_DOC =
      "Most Firehose records in one PutRecordBatch call (AWS allows 500).";

  private static final String BATCH_MAX_BYTES_DOC =
      "Most bytes of record data in one PutRecordBatch call (AWS allows 4 MiB). Below 1,000 KiB it"
          + " also lowers the largest record the sink accepts.";

  private FirehoseConfigDefs() {}

  /** Defines every key of the sink, in groups, and adds the AWS group. */
  static ConfigDef build() {
    ConfigDef def = new ConfigDef();
    defineTarget(def);
    defineFormat(def);
    defineBatchLimits(def);
    DeliveryConfigDefs.define(def, FirehoseSinkConfig.DELIVERY);
    return CloudWatchMetricsConfig.addTo(AwsConfig.addTo(def));
  }

  private static void defineTarget(ConfigDef def) {
    int order = 0;
    def.define(
            DELIVERY_STREAM_CONFIG,
            Type.STRING,
            null,
            Importance.HIGH,
            DELIVERY_STREAM_DOC,
            FIREHOSE_GROUP,
            ++order,
            Width.LONG,
            "Delivery stream")
        .define(
            DELIVERY_STREAM_ARN_CONFIG,
            Type.STRING,
            null,
            Importance.HIGH,
            DELIVERY_STREAM_ARN_DOC,
            FIREHOSE_GROUP,
            ++order,
            Width.LONG,
            "Delivery stream ARN");
  }

  private static void defineFormat(ConfigDef def) {
    int order = 2; // after the two target keys
    def.define(
            FORMAT_CONFIG,
            Type.STRING,
            PayloadFormats.BYTES,
            ConfigValidators.oneOf(PayloadFormats.NAMES),
            Importance.HIGH,
            FORMAT_DOC,
            FIREHOSE_GROUP,
            ++order,
            Width.SHORT,
            "Record format")
        .define(
            DELIMITER_CONFIG,
            Type.STRING,
            RecordDelimiter.DEFAULT,
            RecordDelimiter.VALIDATOR,
            Importance.MEDIUM,
            DELIMITER_DOC,
            FIREHOSE_GROUP,
            ++order,
            Width.SHORT,
            "Record delimiter")
        .define(
            PACKING_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            PACKING_DOC,
            FIREHOSE_GROUP,
            ++order,
            Width.SHORT,
            "Packing");
  }

  private static void defineBatchLimits(ConfigDef def) {
    int order = 0;
    def.define(
            BATCH_MAX_RECORDS_CONFIG,
            Type.INT,
            FirehoseLimits.MAX_RECORDS_PER_CALL,
            Range.between(1, FirehoseLimits.MAX_RECORDS_PER_CALL),
            Importance.LOW,
            BATCH_MAX_RECORDS_DOC,
            DeliveryConfigDefs.BATCHING_GROUP,
            ++order,
            Width.SHORT,
            "Records per call")
        .define(
            BATCH_MAX_BYTES_CONFIG,
            Type.INT,
            FirehoseLimits.MAX_BYTES_PER_CALL,
            Range.between(1024, FirehoseLimits.MAX_BYTES_PER_CALL),
            Importance.LOW,
            BATCH_MAX_BYTES_DOC,
            DeliveryConfigDefs.BATCHING_GROUP,
            ++order,
            Width.SHORT,
            "Bytes per call");
  }
}
