package io.kinesisbridge.common.aws;

import software.amazon.awssdk.regions.Region;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed Amazon Resource Name, e.g. {@code arn:aws:kinesis:us-east-1:123456789012:stream/orders}.
 *
 * <p>Only the partitions this bundle supports are accepted ({@code aws}, {@code aws-cn}, {@code
 * aws-us-gov}), and the region must belong to the partition: a China stream ARN that says {@code
 * aws} is a typo that would otherwise surface much later as a confusing signing error.
 *
 * @param partition {@code aws}, {@code aws-cn} or {@code aws-us-gov}
 * @param service e.g. {@code kinesis}, {@code firehose}, {@code iam}
 * @param region e.g. {@code us-east-1}; empty for global services such as IAM
 * @param accountId the 12-digit account id
 * @param resourceType e.g. {@code stream}, {@code deliverystream}, {@code role}
 * @param resourceName what follows the type, e.g. the stream name or the role's path and name
 */
public record AwsArn(
    String partition,
    String service,
    String region,
    String accountId,
    String resourceType,
    String resourceName) {

  /** The partitions an ARN may name. */
  public static final List<String> PARTITIONS = List.of("aws", "aws-cn", "aws-us-gov");

  static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
  private static final Pattern DELIVERY_STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");
  private static final Pattern ROLE_PATH_AND_NAME =
      Pattern.compile("([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
  private static final String SHAPE = "arn:<partition>:<service>:<region>:<account-id>:<resource>";

  /**
   * Parses any ARN whose resource is {@code type/name} or {@code type:name}.
   *
   * @throws IllegalArgumentException naming what is wrong, in plain words
   */
  public static AwsArn parse(String arn) {
    if (arn == null || arn.isBlank()) {
      throw new IllegalArgumentException("An ARN is required but the value is empty");
    }
    String value = arn.trim();
    String[] parts = value.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn")) {
      throw invalid(value, "it does not have the shape " + SHAPE);
    }
    String partition = parts[1];
    if (!PARTITIONS.contains(partition)) {
      throw invalid(value, "partition '" + partition + "' is not one of " + PARTITIONS);
    }
    if (parts[2].isEmpty()) {
      throw invalid(value, "the service is empty");
    }
    checkRegion(value, partition, parts[3]);
    if (!ACCOUNT.matcher(parts[4]).matches()) {
      throw invalid(value, "the account id '" + parts[4] + "' is not 12 digits");
    }
    String[] resource = splitResource(value, parts[5]);
    return new AwsArn(partition, parts[2], parts[3], parts[4], resource[0], resource[1]);
  }

  /**
   * Parses a Kinesis data stream ARN ({@code arn:aws:kinesis:<region>:<account>:stream/<name>}).
   * Consumer ARNs ({@code stream/<name>/consumer/...}) are rejected: they name an enhanced fan-out
   * consumer, not a stream.
   */
  public static AwsArn parseKinesisStream(String arn) {
    AwsArn parsed = expect(arn, "kinesis", "stream");
    if (parsed.resourceName().contains("/")) {
      throw invalid(arn, "it names a stream consumer, not a stream; give the stream's ARN");
    }
    checkName(arn, parsed, STREAM_NAME, "1-128 letters, digits, '_', '.' or '-'");
    return parsed;
  }

  /** Parses a Firehose ARN ({@code arn:aws:firehose:<region>:<account>:deliverystream/<name>}). */
  public static AwsArn parseFirehoseDeliveryStream(String arn) {
    AwsArn parsed = expect(arn, "firehose", "deliverystream");
    checkName(arn, parsed, DELIVERY_STREAM_NAME, "1-64 letters, digits, '_', '.' or '-'");
    return parsed;
  }

  /** Parses an IAM role ARN ({@code arn:aws:iam::<account>:role/<optional path/><name>}). */
  public static AwsArn parseIamRole(String arn) {
    AwsArn parsed = expect(arn, "iam", "role");
    if (!parsed.region().isEmpty()) {
      throw invalid(arn, "IAM is global, so the region part must be empty (arn:aws:iam::...)");
    }
    checkName(
        arn, parsed, ROLE_PATH_AND_NAME, "an optional path and a role name of up to 64 chars");
    return parsed;
  }

  /** Whether {@code value} starts like an ARN, to tell {@code my-stream} from an ARN. */
  public static boolean looksLikeArn(String value) {
    return value != null && value.trim().startsWith("arn:");
  }

  /**
   * The ARN as text, with {@code /} between resource type and name, as Kinesis and Firehose write
   * their ARNs: {@code arn:aws:kinesis:us-east-1:123456789012:stream/orders}.
   */
  @Override
  public String toString() {
    return String.join(":", "arn", partition, service, region, accountId, resourceType)
        + "/"
        + resourceName;
  }

  /** The region as an SDK {@link Region}. */
  public Region awsRegion() {
    if (region.isEmpty()) {
      throw new IllegalStateException("The ARN of global service " + service + " has no region");
    }
    return Region.of(region);
  }

  private static void checkRegion(String arn, String partition, String region) {
    if (region.isEmpty()) {
      return;
    }
    if (!REGION.matcher(region).matches()) {
      throw invalid(arn, "'" + region + "' is not a region name such as us-east-1");
    }
    String expected = partitionOf(region);
    if (!expected.equals(partition)) {
      throw invalid(
          arn, "region " + region + " belongs to partition " + expected + ", not " + partition);
    }
  }

  /** The partition a region name belongs to, by its well-known prefixes. */
  static String partitionOf(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  private static String[] splitResource(String arn, String resource) {
    int slash = resource.indexOf('/');
    int colon = resource.indexOf(':');
    int cut = slash < 0 ? colon : colon < 0 ? slash : Math.min(slash, colon);
    if (cut <= 0 || cut == resource.length() - 1) {
      throw invalid(arn, "the resource '" + resource + "' is not of the form <type>/<name>");
    }
    return new String[] {resource.substring(0, cut), resource.substring(cut + 1)};
  }

  private static AwsArn expect(String raw, String service, String type) {
    AwsArn arn = parse(raw);
    if (!arn.service().equals(service) || !arn.resourceType().equals(type)) {
      throw invalid(
          raw,
          "expected service '"
              + service
              + "' with resource type '"
              + type
              + "' (arn:<partition>:"
              + service
              + ":...:"
              + type
              + "/<name>), got '"
              + arn.service()
              + "' with '"
              + arn.resourceType()
              + "'");
    }
    if (!service.equals("iam") && arn.region().isEmpty()) {
      throw invalid(raw, "the region part is empty");
    }
    return arn;
  }

  private static void checkName(String raw, AwsArn arn, Pattern pattern, String rule) {
    if (!pattern.matcher(arn.resourceName()).matches()) {
      throw invalid(raw, "name '" + arn.resourceName() + "' must be " + rule);
    }
  }

  private static IllegalArgumentException invalid(String arn, String why) {
    return new IllegalArgumentException("Invalid ARN '" + arn.trim() + "': " + why);
  }
}
