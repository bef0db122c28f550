package io.kinesisbridge.common.kinesis;

import io.kinesisbridge.common.aws.AwsArn;
import software.amazon.awssdk.regions.Region;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Kinesis data stream as the connector was told of it: by name, or by ARN. Parsed once from the
 * config and handed to the code that calls Kinesis, never re-parsed from a string.
 *
 * <p>When an ARN was given, every call identifies the stream by {@code StreamARN} alone, because
 * only the ARN reaches a stream in another account (through the stream's resource-based policy): by
 * name, Kinesis looks in the caller's own account and finds a same-named stream or none. The name
 * still identifies the stream wherever the connector records it (source offsets, the {@code
 * kinesis.stream} header, metrics tags), so switching a config from a name to an ARN keeps its
 * offsets.
 */
public final class StreamRef {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

  private final String name;
  private final AwsArn arn;

  private StreamRef(String name, AwsArn arn) {
    this.name = name;
    this.arn = arn;
  }

  /**
   * A stream from a config value: an ARN when it starts with {@code arn:}, else a name.
   *
   * @throws IllegalArgumentException saying in plain words what is wrong with the value
   */
  public static StreamRef parse(String nameOrArn) {
    if (nameOrArn == null || nameOrArn.isBlank()) {
      throw new IllegalArgumentException("A stream name or ARN is required but the value is empty");
    }
    String value = nameOrArn.trim();
    return AwsArn.looksLikeArn(value) ? ofArn(AwsArn.parseKinesisStream(value)) : named(value);
  }

  /**
   * A stream in the caller's account and region, by name.
   *
   * @throws IllegalArgumentException when {@code name} breaks Kinesis's naming rule
   */
  public static StreamRef named(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a stream name: use 1-128 letters, digits, '_', '.' or '-'");
    }
    return new StreamRef(name, null);
  }

  /** A stream by its parsed ARN (see {@link AwsArn#parseKinesisStream}). */
  public static StreamRef ofArn(AwsArn arn) {
    if (!"kinesis".equals(arn.service()) || !"stream".equals(arn.resourceType())) {
      throw new IllegalArgumentException("'" + arn + "' is not a Kinesis stream ARN");
    }
    return new StreamRef(arn.resourceName(), arn);
  }

  /** The stream's name: its identity in offsets, headers, topic names and metrics. */
  public String name() {
    return name;
  }

  /** The ARN, when the stream was given by ARN. */
  public Optional<AwsArn> arn() {
    return Optional.ofNullable(arn);
  }

  /** The region the ARN names; empty for a stream given by name. */
  public Optional<Region> region() {
    return arn().map(AwsArn::awsRegion);
  }

  /** The account that owns the stream, when the ARN says; empty for a stream given by name. */
  public Optional<String> accountId() {
    return arn().map(AwsArn::accountId);
  }

  /**
   * The value for a request's {@code StreamName}: the name, or null when the ARN is sent instead
   * (an SDK builder given null leaves the parameter out).
   */
  public String streamNameParameter() {
    return arn == null ? name : null;
  }

  /** The value for a request's {@code StreamARN}, or null when the stream is given by name. */
  public String streamArnParameter() {
    return arn == null ? null : arn.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StreamRef that
        && name.equals(that.name)
        && Objects.equals(arn, that.arn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, arn);
  }

  /** The ARN when given, else the name: what the user configured, for messages and logs. */
  @Override
  public String toString() {
    return arn == null ? name : arn.toString();
  }
}
