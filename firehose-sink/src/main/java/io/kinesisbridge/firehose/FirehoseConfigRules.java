package io.kinesisbridge.firehose;

import io.kinesisbridge.common.aws.AwsArn;
import io.kinesisbridge.firehose.format.RecordDelimiter;

import java.util.LinkedHashMap;
import java.util.Map;

/** Cross-field rules of the Firehose sink config, as messages keyed by the setting to fix. */
final class FirehoseConfigRules {

  private FirehoseConfigRules() {}

  static Map<String, String> check(Map<String, String> props) {
    Map<String, String> errors = new LinkedHashMap<>();
    checkTarget(props, errors);
    checkDelimiter(props, errors);
    checkBackoff(props, errors);
    return errors;
  }

  private static void checkTarget(Map<String, String> props, Map<String, String> errors) {
    String name = blankToNull(props.get(FirehoseSinkConfig.DELIVERY_STREAM_CONFIG));
    String arn = blankToNull(props.get(FirehoseSinkConfig.DELIVERY_STREAM_ARN_CONFIG));
    if (name == null && arn == null) {
      errors.put(
          FirehoseSinkConfig.DELIVERY_STREAM_CONFIG,
          "Set firehose.delivery.stream (or firehose.delivery.stream.arn) to the Direct PUT"
              + " delivery stream to write to, e.g. 'orders-to-s3' or '${topic}'.");
    } else if (name != null && arn != null) {
      errors.put(
          FirehoseSinkConfig.DELIVERY_STREAM_ARN_CONFIG,
          "Set either firehose.delivery.stream or firehose.delivery.stream.arn, not both.");
    } else if (arn != null) {
      try {
        AwsArn.parseFirehoseDeliveryStream(arn.replace(FirehoseSinkConfig.TOPIC_TEMPLATE, "x"));
      } catch (IllegalArgumentException e) {
        errors.put(FirehoseSinkConfig.DELIVERY_STREAM_ARN_CONFIG, e.getMessage());
      }
    } else {
      DeliveryStreamNames.problemWithTemplate(name)
          .ifPresent(problem -> errors.put(FirehoseSinkConfig.DELIVERY_STREAM_CONFIG, problem));
    }
  }

  private static void checkDelimiter(Map<String, String> props, Map<String, String> errors) {
    String raw = props.get(FirehoseSinkConfig.DELIMITER_CONFIG);
    if (raw == null) {
      return;
    }
    try {
      RecordDelimiter.parse(raw);
    } catch (IllegalArgumentException e) {
      errors.put(
          FirehoseSinkConfig.DELIMITER_CONFIG, "firehose.record.delimiter " + e.getMessage() + ".");
    }
  }

  private static void checkBackoff(Map<String, String> props, Map<String, String> errors) {
    try {
      errors.putAll(new FirehoseSinkConfig(props).delivery().crossKeyProblems());
    } catch (RuntimeException badSingleValue) {
      // The ConfigDef already reports it against its key.
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
