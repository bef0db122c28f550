package io.kinesisbridge.testkit.firehose;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CreateDeliveryStream, DescribeDeliveryStream, ListDeliveryStreams and DeleteDeliveryStream for S3
 * destinations, checked against the constraints of Firehose's API model (botocore {@code
 * firehose/2015-08-04/service-2.json}) and answered in the shapes the service answers with.
 *
 * <p>Left out on purpose: other destinations (Redshift, OpenSearch, HTTP endpoints, ...),
 * compression, encryption, data format conversion and dynamic partitioning are refused with {@code
 * InvalidArgumentException} naming what is unsupported, rather than silently ignored; a {@code
 * RoleARN} is not required (nothing here checks IAM), and a stream is ACTIVE at once.
 */
final class ControlPlane {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]+");
  private static final Pattern BUCKET_ARN = Pattern.compile("arn:.*:s3:::[\\w.\\-]{1,255}");
  private static final int MAX_NAME_CHARS = 64;
  private static final int MAX_PREFIX_CHARS = 1024;
  private static final Set<String> TYPES =
      Set.of(
          DeliveryStreamSpec.DIRECT_PUT,
          "KinesisStreamAsSource",
          "MSKAsSource",
          "DatabaseAsSource");
  private static final String S3 = "S3DestinationConfiguration";
  private static final String EXTENDED_S3 = "ExtendedS3DestinationConfiguration";
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "RedshiftDestinationConfiguration",
          "ElasticsearchDestinationConfiguration",
          "AmazonopensearchserviceDestinationConfiguration",
          "AmazonOpenSearchServerlessDestinationConfiguration",
          "SplunkDestinationConfiguration",
          "HttpEndpointDestinationConfiguration",
          "SnowflakeDestinationConfiguration",
          "IcebergDestinationConfiguration",
          "DeliveryStreamEncryptionConfigurationInput");
  private static final int DEFAULT_LIST_LIMIT = 10;
  private static final int MAX_LIST_LIMIT = 10_000;

  private final DeliveryStreams streams;

  ControlPlane(DeliveryStreams streams) {
    this.streams = streams;
  }

  /** Adds the model's complaints about a delivery stream name to {@code violations}. */
  static void checkName(String name, List<String> violations) {
    String at = "' at 'deliveryStreamName' failed to satisfy constraint: Member must ";
    if (name == null) {
      violations.add("Value null" + at.substring(1) + "not be null");
    } else if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
      violations.add(
          "Value '"
              + name
              + at
              + (name.isEmpty()
                  ? "have length greater than or equal to 1"
                  : "have length less than or equal to " + MAX_NAME_CHARS));
    } else if (!NAME.matcher(name).matches()) {
      violations.add(
          "Value '" + name + at + "satisfy regular expression pattern: " + NAME.pattern());
    }
  }

  /** Checks {@code spec} and adds it as an ACTIVE stream; returns its ARN. */
  String create(DeliveryStreamSpec spec, String region, String configMember) {
    check(spec, configMember);
    return streams.create(spec, region).arn();
  }

  Reply createDeliveryStream(Map<String, Object> request, String region) {
    String arn = create(specOf(requireName(request), request), region, configMember(request));
    return generator -> {
      generator.writeStartObject();
      generator.writeStringField("DeliveryStreamARN", arn);
      generator.writeEndObject();
    };
  }

  Reply describeDeliveryStream(Map<String, Object> request) {
    DeliveryStream stream = streams.require(requireName(request));
    return generator -> {
      generator.writeStartObject();
      generator.writeObjectFieldStart("DeliveryStreamDescription");
      writeDescription(generator, stream);
      generator.writeEndObject();
      generator.writeEndObject();
    };
  }

  Reply listDeliveryStreams(Map<String, Object> request) {
    int limit = JsonBody.integer(request, "Limit", DEFAULT_LIST_LIMIT);
    List<String> violations = new ArrayList<>();
    checkRange(limit, 1, MAX_LIST_LIMIT, "limit", violations);
    if (!violations.isEmpty()) {
      throw FirehoseError.validation(violations);
    }
    String type = JsonBody.text(request, "DeliveryStreamType");
    List<String> names = new ArrayList<>();
    boolean more = false;
    for (DeliveryStream stream :
        streams.after(JsonBody.text(request, "ExclusiveStartDeliveryStreamName"))) {
      if (type != null && !type.equals(stream.spec().type())) {
        continue;
      }
      if (names.size() == limit) {
        more = true;
        break;
      }
      names.add(stream.name());
    }
    boolean hasMore = more;
    return generator -> {
      generator.writeStartObject();
      generator.writeArrayFieldStart("DeliveryStreamNames");
      for (String name : names) {
        generator.writeString(name);
      }
      generator.writeEndArray();
      generator.writeBooleanField("HasMoreDeliveryStreams", hasMore);
      generator.writeEndObject();
    };
  }

  Reply deleteDeliveryStream(Map<String, Object> request) {
    streams.delete(requireName(request));
    return Reply.empty();
  }

  private static String requireName(Map<String, Object> request) {
    String name = JsonBody.text(request, "DeliveryStreamName");
    List<String> violations = new ArrayList<>();
    checkName(name, violations);
    if (!violations.isEmpty()) {
      throw FirehoseError.validation(violations);
    }
    return name;
  }

  private static String configMember(Map<String, Object> request) {
    return request.containsKey(EXTENDED_S3) ? EXTENDED_S3 : S3;
  }

  private static DeliveryStreamSpec specOf(String name, Map<String, Object> request) {
    for (String member : UNSUPPORTED) {
      if (request.containsKey(member)) {
        throw FirehoseError.invalidArgument(
            member + " is not supported by this Firehose test fixture; use an S3 destination.");
      }
    }
    if (request.containsKey(S3) == request.containsKey(EXTENDED_S3)) {
      throw FirehoseError.invalidArgument(
          "Exactly one of " + S3 + " and " + EXTENDED_S3 + " must be specified.");
    }
    String member = configMember(request);
    Map<String, Object> config = JsonBody.object(request, member);
    checkPlainS3(config);
    String bucketArn = JsonBody.text(config, "BucketARN");
    if (bucketArn == null || !BUCKET_ARN.matcher(bucketArn).matches()) {
      throw FirehoseError.validation(
          List.of(
              (bucketArn == null ? "Value null" : "Value '" + bucketArn + "'")
                  + " at '"
                  + camel(member)
                  + ".bucketARN' failed to satisfy constraint: Member must "
                  + (bucketArn == null
                      ? "not be null"
                      : "satisfy regular expression pattern: " + BUCKET_ARN.pattern())));
    }
    Map<String, Object> hints = JsonBody.object(config, "BufferingHints");
    String type = JsonBody.text(request, "DeliveryStreamType");
    String prefix = JsonBody.text(config, "Prefix");
    return new DeliveryStreamSpec(
        name,
        type == null ? DeliveryStreamSpec.DIRECT_PUT : type,
        bucketArn.substring(bucketArn.lastIndexOf(':') + 1),
        prefix == null ? "" : prefix,
        JsonBody.integer(hints, "SizeInMBs", DeliveryStreamSpec.DEFAULT_SIZE_IN_MBS),
        JsonBody.integer(
            hints, "IntervalInSeconds", DeliveryStreamSpec.DEFAULT_INTERVAL_IN_SECONDS));
  }

  /** A member name as the service's validation messages spell it: lower camel case. */
  private static String camel(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }

  /** Refuses the S3 options the fixture would otherwise silently ignore. */
  private static void checkPlainS3(Map<String, Object> config) {
    String compression = JsonBody.text(config, "CompressionFormat");
    if (compression != null && !compression.equals("UNCOMPRESSED")) {
      throw FirehoseError.invalidArgument(
          "CompressionFormat " + compression + " is not supported by this Firehose test fixture.");
    }
    for (String member :
        List.of(
            "DataFormatConversionConfiguration",
            "DynamicPartitioningConfiguration",
            "ProcessingConfiguration")) {
      if (Boolean.TRUE.equals(JsonBody.object(config, member).get("Enabled"))) {
        throw FirehoseError.invalidArgument(
            member + " is not supported by this Firehose test fixture.");
      }
    }
  }

  private static void check(DeliveryStreamSpec spec, String configMember) {
    List<String> violations = new ArrayList<>();
    checkName(spec.name(), violations);
    String config = camel(configMember);
    if (!TYPES.contains(spec.type())) {
      violations.add(
          "Value '"
              + spec.type()
              + "' at 'deliveryStreamType' failed to satisfy constraint: Member must satisfy enum"
              + " value set: [DirectPut, KinesisStreamAsSource, MSKAsSource, DatabaseAsSource]");
    }
    if (!BUCKET_ARN.matcher(spec.bucketArn()).matches()) {
      violations.add(
          "Value '"
              + spec.bucketArn()
              + "' at '"
              + config
              + ".bucketARN' failed to satisfy constraint: Member must satisfy regular expression"
              + " pattern: "
              + BUCKET_ARN.pattern());
    }
    if (spec.prefix().length() > MAX_PREFIX_CHARS) {
      violations.add(
          "Value at '"
              + config
              + ".prefix' failed to satisfy constraint: Member must have length less than or"
              + " equal to "
              + MAX_PREFIX_CHARS);
    }
    checkRange(spec.sizeInMBs(), 1, 128, config + ".bufferingHints.sizeInMBs", violations);
    checkRange(
        spec.intervalInSeconds(), 0, 900, config + ".bufferingHints.intervalInSeconds", violations);
    if (!violations.isEmpty()) {
      throw FirehoseError.validation(violations);
    }
    List<String> problems = ObjectKeys.problems(spec.prefix());
    if (!problems.isEmpty()) {
      throw FirehoseError.invalidArgument(String.join(" ", problems));
    }
  }

  private static void checkRange(
      int value, int min, int max, String path, List<String> violations) {
    if (value < min || value > max) {
      violations.add(
          "Value '"
              + value
              + "' at '"
              + path
              + "' failed to satisfy constraint: Member must have value "
              + (value < min ? "greater than or equal to " + min : "less than or equal to " + max));
    }
  }

  private void writeDescription(JsonGenerator generator, DeliveryStream stream) throws IOException {
    DeliveryStreamSpec spec = stream.spec();
    generator.writeStringField("DeliveryStreamName", spec.name());
    generator.writeStringField("DeliveryStreamARN", stream.arn());
    generator.writeStringField("DeliveryStreamStatus", "ACTIVE");
    generator.writeObjectFieldStart("DeliveryStreamEncryptionConfiguration");
    generator.writeStringField("Status", "DISABLED");
    generator.writeEndObject();
    generator.writeStringField("DeliveryStreamType", spec.type());
    generator.writeStringField("VersionId", String.valueOf(DeliveryStream.VERSION));
    // JSON 1.1 timestamps are epoch seconds with a fraction.
    generator.writeNumberField(
        "CreateTimestamp", BigDecimal.valueOf(stream.created().toEpochMilli(), 3));
    generator.writeArrayFieldStart("Destinations");
    generator.writeStartObject();
    generator.writeStringField("DestinationId", "destinationId-000000000001");
    generator.writeObjectFieldStart("S3DestinationDescription");
    writeS3(generator, spec);
    generator.writeEndObject();
    generator.writeObjectFieldStart("ExtendedS3DestinationDescription");
    writeS3(generator, spec);
    generator.writeStringField("S3BackupMode", "Disabled");
    generator.writeEndObject();
    generator.writeEndObject();
    generator.writeEndArray();
    generator.writeBooleanField("HasMoreDestinations", false);
  }

  private void writeS3(JsonGenerator generator, DeliveryStreamSpec spec) throws IOException {
    generator.writeStringField(
        "RoleARN", "arn:aws:iam::" + streams.account() + ":role/firehose-test-fixture");
    generator.writeStringField("BucketARN", spec.bucketArn());
    generator.writeStringField("Prefix", spec.prefix());
    generator.writeObjectFieldStart("BufferingHints");
    generator.writeNumberField("SizeInMBs", spec.sizeInMBs());
    generator.writeNumberField("IntervalInSeconds", spec.intervalInSeconds());
    generator.writeEndObject();
    generator.writeStringField("CompressionFormat", "UNCOMPRESSED");
    generator.writeObjectFieldStart("EncryptionConfiguration");
    generator.writeStringField("NoEncryptionConfig", "NoEncryption");
    generator.writeEndObject();
    generator.writeObjectFieldStart("CloudWatchLoggingOptions");
    generator.writeBooleanField("Enabled", false);
    generator.writeEndObject();
  }
}
