package io.kinesisbridge.firehose.client;

import java.util.Locale;
import java.util.Map;

/**
 * What to fix when Firehose refuses the sink for good, keyed by AWS error code. The shared pipeline
 * reports what failed; this adds the Firehose-specific remedy to the task's error.
 */
public final class FirehoseErrorHints {

  private static final Map<String, String> HINTS =
      Map.of(
          "resourcenotfoundexception",
          "Check firehose.delivery.stream (or firehose.delivery.stream.arn) and aws.region: the"
              + " delivery stream must exist in that region, in the account of the credentials.",
          "accessdeniedexception",
          "Allow firehose:PutRecordBatch and firehose:DescribeDeliveryStream on the delivery"
              + " stream's ARN in the IAM policy of the connector's credentials (see"
              + " docs/firehose-sink.md, least-privilege IAM).",
          "invalidargumentexception",
          "The delivery stream must be of type Direct PUT (PutRecordBatch is refused on streams"
              + " fed by Kinesis Data Streams or MSK); recreate it with source 'Direct PUT'.",
          "invalidkmsresourceexception",
          "Firehose cannot use the delivery stream's KMS key: re-enable the key or grant Firehose"
              + " access to it, or switch the stream's encryption to an AWS owned key.");

  private FirehoseErrorHints() {}

  /** The remedy for {@code errorCode}, or an empty string when there is no specific one. */
  public static String forCode(String errorCode) {
    if (errorCode == null) {
      return "";
    }
    return HINTS.getOrDefault(errorCode.trim().toLowerCase(Locale.ROOT), "");
  }
}
