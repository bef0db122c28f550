package io.kinesisbridge.testkit.firehose;

import java.util.List;

/**
 * An error answer of the endpoint, shaped like the service's: an HTTP status with {@code
 * {"__type":..,"message":..}} in the body and the {@code x-amzn-ErrorType} header, which the AWS
 * SDK turns into the matching modelled exception ({@code ResourceNotFoundException}, {@code
 * InvalidArgumentException}, ...) or, for {@code ValidationException}, which Firehose's model does
 * not declare, into a plain {@code FirehoseException} carrying that error code.
 *
 * <p>Where the types, messages and statuses come from:
 *
 * <ul>
 *   <li>{@code ValidationException} for model constraints (more than 500 records, a record over
 *       1,024,000 bytes, a missing member), message {@code "1 validation error detected: Value
 *       '...' at 'records' failed to satisfy constraint: Member must have length less than or equal
 *       to 500"}: real PutRecordBatch answers quoted in a 2019 blog post that probed the
 *       PutRecordBatch limits with boto3 against Firehose in ap-northeast-2, in postmates/cernan PR
 *       #210 ({@code 'records.97.member.data' ... less than or equal to 1024000}) and osquery issue
 *       #3568 (several violations joined as {@code "2 validation errors detected: ...; ..."}).
 *   <li>{@code InvalidArgumentException} {@code "Records size exceeds 4 MB limit"} for a batch over
 *       4 MiB of data: the same blog and osquery issue #3568.
 *   <li>{@code ResourceNotFoundException} {@code "Firehose <name> under account <id> not found."}:
 *       turbot/steampipe-plugin-aws issue #759.
 *   <li>{@code ServiceUnavailableException} {@code "Slow down."} with HTTP 500: the message from
 *       real answers (boto/boto3 issue #2804, awslabs/amazon-kinesis-agent issue #29); the status
 *       because Firehose's service model (botocore {@code firehose/2015-08-04/service-2.json})
 *       marks the shape {@code "fault": true} without an explicit code, which the AWS SDK for Java
 *       2.57 registers as HTTP 500. Firehose declares no {@code ThrottlingException}, and its
 *       {@code LimitExceededException} belongs to the control plane (too many delivery streams), so
 *       throttled data-plane calls fail with {@code ServiceUnavailableException}, as the PutRecord
 *       and PutRecordBatch API reference says.
 * </ul>
 */
final class FirehoseError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private static final int CLIENT_ERROR = 400;
  private static final int SERVER_FAULT = 500;

  private final String type;
  private final int status;

  FirehoseError(String type, String message, int status) {
    super(message, null, false, false); // an answer to the client, not a bug: no stack trace
    this.type = type;
    this.status = status;
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }

  /** Model constraint violations, joined the way the service's request validation joins them. */
  static FirehoseError validation(List<String> violations) {
    String count =
        violations.size() == 1
            ? "1 validation error detected: "
            : violations.size() + " validation errors detected: ";
    return new FirehoseError(
        "ValidationException", count + String.join("; ", violations), CLIENT_ERROR);
  }

  static FirehoseError invalidArgument(String message) {
    return new FirehoseError("InvalidArgumentException", message, CLIENT_ERROR);
  }

  static FirehoseError notFound(String stream, String account) {
    return new FirehoseError(
        "ResourceNotFoundException",
        "Firehose " + stream + " under account " + account + " not found.",
        CLIENT_ERROR);
  }

  static FirehoseError inUse(String stream, String account) {
    return new FirehoseError(
        "ResourceInUseException",
        "Firehose " + stream + " under account " + account + " already exists.",
        CLIENT_ERROR);
  }

  static FirehoseError slowDown() {
    return new FirehoseError("ServiceUnavailableException", "Slow down.", SERVER_FAULT);
  }

  static FirehoseError serialization(String detail) {
    return new FirehoseError("SerializationException", detail, CLIENT_ERROR);
  }

  static FirehoseError unknownOperation(String detail) {
    return new FirehoseError("UnknownOperationException", detail, CLIENT_ERROR);
  }
}
