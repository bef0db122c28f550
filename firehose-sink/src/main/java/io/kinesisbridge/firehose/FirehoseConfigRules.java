package io.kinesisbridge.firehose;

import io.kinesisbridge.common.aws.AwsArn;
import io.kinesisbridge.common.aws.AwsConfig;
import io.kinesisbridge.firehose.format.RecordDelimiter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
      checkArn(FirehoseSinkConfig.DELIVERY_STREAM_ARN_CONFIG, arn, props, errors);
    } else if (AwsArn.looksLikeArn(name)) {
      checkArn(FirehoseSinkConfig.DELIVERY_STREAM_CONFIG, name, props, errors);
    } else {
      DeliveryStreamNames.problemWithTemplate(name)
          .ifPresent(problem -> errors.put(FirehoseSinkConfig.DELIVERY_STREAM_CONFIG, problem));
    }
  }

  /** Parses the ARN, with any ${topic} standing for a valid name, as the task will. */
  private static void checkArn(
      String key, String arn, Map<String, String> props, Map<String, String> errors) {
    AwsArn parsed;
    try {
      parsed =
          AwsArn.parseFirehoseDeliveryStream(arn.replace(FirehoseSinkConfig.TOPIC_TEMPLATE, "x"));
    } catch (IllegalArgumentException e) {
      errors.put(key, e.getMessage());
      return;
    }
    roleInAnotherAccount(parsed, props.get(AwsConfig.STS_ROLE_ARN_CONFIG))
        .ifPresent(problem -> errors.put(key, problem));
  }

  /**
   * Firehose's calls take only the delivery stream's name and look it up in the account they run
   * in: with a role to assume, that is the role's account, known from its ARN without a call. A
   * role in another account than the delivery stream's can never reach it.
   */
  private static Optional<String> roleInAnotherAccount(AwsArn deliveryStream, String roleArn) {
    if (roleArn == null || roleArn.isBlank()) {
      return Optional.empty();
    }
    String roleAccount;
    try {
      roleAccount = AwsArn.parseIamRole(roleArn).accountId();
    } catch (IllegalArgumentException malformed) {
      return Optional.empty(); // reported against aws.sts.role.arn
    }
    if (roleAccount.equals(deliveryStream.accountId())) {
      return Optional.empty();
    }
    return Optional.of(
        "The delivery stream is in account "
            + deliveryStream.accountId()
            + " but aws.sts.role.arn is a role in account "
            + roleAccount
            + ". Firehose's API takes only the delivery stream's name and looks it up in the"
            + " account the calls run in, so use a role in account "
            + deliveryStream.accountId()
            + ".");
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
      errors.putAll(new FirehoseSinkConfig(props).delivery().problems());
    } catch (RuntimeException badSingleValue) {
      // The ConfigDef already reports it against its key.
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
