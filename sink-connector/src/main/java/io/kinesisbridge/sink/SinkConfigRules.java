package io.kinesisbridge.sink;

import io.kinesisbridge.common.aws.AwsArn;
import io.kinesisbridge.common.kinesis.StreamRef;
import io.kinesisbridge.sink.autoscale.AutoscaleConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/** Cross-field rules of the Kinesis sink config, as messages keyed by the setting to fix. */
final class SinkConfigRules {

  private SinkConfigRules() {}

  static Map<String, String> check(Map<String, String> props) {
    Map<String, String> errors = new LinkedHashMap<>();
    String name = blankToNull(props.get(KinesisSinkConfig.STREAM_NAME_CONFIG));
    String arn = blankToNull(props.get(KinesisSinkConfig.STREAM_ARN_CONFIG));
    if (name == null && arn == null) {
      errors.put(
          KinesisSinkConfig.STREAM_NAME_CONFIG,
          "Set kinesis.stream.name (or kinesis.stream.arn) to the stream to write to, e.g."
              + " 'orders' or '${topic}'.");
    } else if (name != null && arn != null) {
      errors.put(
          KinesisSinkConfig.STREAM_ARN_CONFIG,
          "Set either kinesis.stream.name or kinesis.stream.arn, not both.");
    } else if (arn != null) {
      try {
        AwsArn.parseKinesisStream(arn.replace(KinesisSinkConfig.TOPIC_TEMPLATE, "stream"));
      } catch (IllegalArgumentException e) {
        errors.put(KinesisSinkConfig.STREAM_ARN_CONFIG, e.getMessage());
      }
    } else {
      checkStream(KinesisSinkConfig.STREAM_NAME_CONFIG, name, errors);
    }
    checkParsedValues(props, errors);
    return errors;
  }

  /** Parses the stream, with any ${topic} standing for a valid name, as the task will. */
  private static void checkStream(String key, String template, Map<String, String> errors) {
    try {
      StreamRef.parse(template.replace(KinesisSinkConfig.TOPIC_TEMPLATE, "stream"));
    } catch (IllegalArgumentException e) {
      errors.put(key, e.getMessage());
    }
  }

  /** The rules between keys whose single values already parse: delivery and autoscaling. */
  private static void checkParsedValues(Map<String, String> props, Map<String, String> errors) {
    try {
      KinesisSinkConfig config = new KinesisSinkConfig(props);
      errors.putAll(config.delivery().problems());
      errors.putAll(AutoscaleConfig.problems(config));
    } catch (RuntimeException badSingleValue) {
      // The ConfigDef already reports it against its key.
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
