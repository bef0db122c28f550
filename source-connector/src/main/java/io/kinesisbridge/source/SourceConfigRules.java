package io.kinesisbridge.source;

import io.kinesisbridge.common.aws.AwsArn;
import io.kinesisbridge.common.kinesis.StreamRef;
import io.kinesisbridge.source.kinesis.StreamRefs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Cross-field checks of the source config, in plain words, keyed by the key to blame. */
final class SourceConfigRules {

  private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

  private SourceConfigRules() {}

  /** One message per key at fault; empty when the config is consistent. */
  static Map<String, String> check(Map<String, String> props) {
    Map<String, String> errors = new LinkedHashMap<>();
    List<String> names = items(props.get(KinesisSourceConfig.STREAM_NAME_CONFIG));
    List<String> arns = items(props.get(KinesisSourceConfig.STREAM_ARN_CONFIG));
    checkStreams(names, arns, errors);
    checkTopic(props.get(KinesisSourceConfig.TOPIC_CONFIG), errors);
    checkTimestamp(props, errors);
    checkFanOut(props, errors);
    return errors;
  }

  /** The non-blank items of a comma list. */
  static List<String> items(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static void checkStreams(
      List<String> names, List<String> arns, Map<String, String> errors) {
    if (names.isEmpty() && arns.isEmpty()) {
      errors.put(
          KinesisSourceConfig.STREAM_NAME_CONFIG,
          "Give the stream to read in kinesis.stream.name or kinesis.stream.arn.");
      return;
    }
    if (!names.isEmpty() && !arns.isEmpty()) {
      errors.put(
          KinesisSourceConfig.STREAM_ARN_CONFIG,
          "Set kinesis.stream.name or kinesis.stream.arn, not both.");
      return;
    }
    String key =
        arns.isEmpty()
            ? KinesisSourceConfig.STREAM_NAME_CONFIG
            : KinesisSourceConfig.STREAM_ARN_CONFIG;
    List<StreamRef> streams = new ArrayList<>();
    try {
      for (String name : names) {
        streams.add(StreamRef.parse(name)); // a name or an ARN
      }
      for (String arn : arns) {
        streams.add(StreamRef.ofArn(AwsArn.parseKinesisStream(arn)));
      }
      StreamRefs.of(streams);
    } catch (IllegalArgumentException e) {
      errors.put(key, e.getMessage());
    }
  }

  /** The ARNs among the stream items of {@code props}, for the region checks. */
  static List<String> streamArns(Map<String, String> props) {
    List<String> arns = new ArrayList<>();
    for (String key :
        List.of(KinesisSourceConfig.STREAM_NAME_CONFIG, KinesisSourceConfig.STREAM_ARN_CONFIG)) {
      items(props.get(key)).stream().filter(AwsArn::looksLikeArn).forEach(arns::add);
    }
    return arns;
  }

  private static void checkTopic(String topic, Map<String, String> errors) {
    if (topic != null && topic.replace(KinesisSourceConfig.STREAM_TEMPLATE, "").contains("${")) {
      errors.put(
          KinesisSourceConfig.TOPIC_CONFIG,
          "The only placeholder kafka.topic understands is ${stream}; '"
              + topic
              + "' has another.");
    }
  }

  private static void checkFanOut(Map<String, String> props, Map<String, String> errors) {
    String reader = props.get(KinesisSourceConfig.READER_CONFIG);
    String consumer = props.get(KinesisSourceConfig.EFO_CONSUMER_NAME_CONFIG);
    boolean efo = reader != null && reader.trim().equalsIgnoreCase(KinesisSourceConfig.READER_EFO);
    boolean named = consumer != null && !consumer.isBlank();
    if (efo && !named) {
      errors.put(
          KinesisSourceConfig.EFO_CONSUMER_NAME_CONFIG,
          "kinesis.reader=efo needs a stream consumer name here, e.g. the connector's name.");
    } else if (named && !STREAM_NAME.matcher(consumer.trim()).matches()) {
      errors.put(
          KinesisSourceConfig.EFO_CONSUMER_NAME_CONFIG,
          "'" + consumer + "' is not a consumer name: use 1-128 letters, digits, '_', '.' or '-'.");
    } else if (named && !efo) {
      errors.put(
          KinesisSourceConfig.EFO_CONSUMER_NAME_CONFIG,
          "A consumer name is only used with kinesis.reader=efo; remove it or set the reader.");
    }
  }

  private static void checkTimestamp(Map<String, String> props, Map<String, String> errors) {
    String position = props.get(KinesisSourceConfig.INITIAL_POSITION_CONFIG);
    String timestamp = props.get(KinesisSourceConfig.INITIAL_TIMESTAMP_CONFIG);
    boolean atTimestamp = position != null && position.trim().equalsIgnoreCase("AT_TIMESTAMP");
    if (atTimestamp && (timestamp == null || timestamp.isBlank())) {
      errors.put(
          KinesisSourceConfig.INITIAL_TIMESTAMP_CONFIG,
          "kinesis.initial.position=AT_TIMESTAMP needs a start time here, e.g."
              + " 2024-05-01T00:00:00Z.");
      return;
    }
    if (timestamp != null && !timestamp.isBlank()) {
      try {
        Instant.parse(timestamp.trim());
      } catch (DateTimeParseException e) {
        errors.put(
            KinesisSourceConfig.INITIAL_TIMESTAMP_CONFIG,
            "'" + timestamp + "' is not an ISO-8601 instant such as 2024-05-01T00:00:00Z.");
        return;
      }
      if (!atTimestamp) {
        errors.put(
            KinesisSourceConfig.INITIAL_TIMESTAMP_CONFIG,
            "A start time is only used with kinesis.initial.position=AT_TIMESTAMP; remove it or"
                + " set the position.");
      }
    }
  }
}
