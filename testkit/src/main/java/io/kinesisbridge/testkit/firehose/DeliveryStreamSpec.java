package io.kinesisbridge.testkit.firehose;

import java.util.Objects;

/**
 * What a delivery stream of a {@link FirehoseEndpoint} is: its name, its source type and its S3
 * destination with buffering hints, as {@code CreateDeliveryStream} sets them. Tests create streams
 * either over the wire (the AWS SDK's {@code createDeliveryStream}) or with {@link
 * FirehoseEndpoint#createDeliveryStream(DeliveryStreamSpec)}; both are checked against the same
 * constraints of Firehose's API model.
 *
 * @param name the delivery stream name, 1-64 characters of {@code [a-zA-Z0-9._-]}
 * @param type {@code DirectPut} (the only type that accepts PutRecord and PutRecordBatch), {@code
 *     KinesisStreamAsSource}, {@code MSKAsSource} or {@code DatabaseAsSource}
 * @param bucket the destination bucket, which must exist in the S3 server by the first delivery
 * @param prefix the S3 prefix; empty for Firehose's default {@code YYYY/MM/dd/HH/} layout, which is
 *     also appended to a prefix that holds no {@code !{timestamp:...}} expression
 * @param sizeInMBs the buffer size hint in MiB, 1-128 (Firehose's default is 5)
 * @param intervalInSeconds the buffer interval hint, 0-900 seconds (Firehose's default is 300)
 */
public record DeliveryStreamSpec(
    String name, String type, String bucket, String prefix, int sizeInMBs, int intervalInSeconds) {

  /** The source type that takes records from producers. */
  public static final String DIRECT_PUT = "DirectPut";

  /** Firehose's buffer size when a stream names none. */
  public static final int DEFAULT_SIZE_IN_MBS = 5;

  /** Firehose's buffer interval when a stream names none. */
  public static final int DEFAULT_INTERVAL_IN_SECONDS = 300;

  /** Checks for missing members; the value constraints are checked when a stream is created. */
  public DeliveryStreamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
  }

  /** A DirectPut stream into {@code bucket} with no prefix and Firehose's default buffering. */
  public static DeliveryStreamSpec of(String name, String bucket) {
    return new DeliveryStreamSpec(
        name, DIRECT_PUT, bucket, "", DEFAULT_SIZE_IN_MBS, DEFAULT_INTERVAL_IN_SECONDS);
  }

  /** A copy with another S3 prefix. */
  public DeliveryStreamSpec withPrefix(String newPrefix) {
    return new DeliveryStreamSpec(name, type, bucket, newPrefix, sizeInMBs, intervalInSeconds);
  }

  /** A copy with other buffering hints. */
  public DeliveryStreamSpec withBuffering(int newSizeInMBs, int newIntervalInSeconds) {
    return new DeliveryStreamSpec(name, type, bucket, prefix, newSizeInMBs, newIntervalInSeconds);
  }

  /** A copy with another source type, e.g. to test that a sink refuses non-DirectPut streams. */
  public DeliveryStreamSpec withType(String newType) {
    return new DeliveryStreamSpec(name, newType, bucket, prefix, sizeInMBs, intervalInSeconds);
  }

  /** {@code arn:aws:s3:::<bucket>}, as Firehose's destination descriptions name the bucket. */
  public String bucketArn() {
    return "arn:aws:s3:::" + bucket;
  }

  /** The buffer size hint in bytes. */
  long sizeBytes() {
    return (long) sizeInMBs * 1024 * 1024;
  }
}
