package io.kinesisbridge.firehose;

import io.kinesisbridge.common.aws.AwsArn;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Resolves the delivery stream a topic's records go to, from a name or ARN with an optional {@code
 * ${topic}}, and checks the result against Firehose's naming rule.
 */
final class DeliveryStreamNames {

  /** Firehose's rule for delivery stream names. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

  private static final String RULE = "1-64 letters, digits, '_', '.' or '-'";

  private final String template;
  private final Map<String, Resolved> byTopic = new ConcurrentHashMap<>();

  /** A topic's delivery stream, or why the topic cannot have one. */
  private record Resolved(String name, String problem) {}

  DeliveryStreamNames(String template) {
    this.template = template;
  }

  /**
   * The delivery stream for {@code topic}.
   *
   * @throws IllegalArgumentException when the resolved name breaks Firehose's naming rule (a long
   *     topic name in the template): the topic's records can never be delivered
   */
  String streamFor(String topic) {
    Resolved resolved = byTopic.computeIfAbsent(topic, this::resolve);
    if (resolved.problem() != null) {
      throw new IllegalArgumentException(resolved.problem());
    }
    return resolved.name();
  }

  /** The one delivery stream every topic goes to, or null when it depends on the topic. */
  String fixedStream() {
    return template.contains(FirehoseSinkConfig.TOPIC_TEMPLATE) ? null : streamFor("");
  }

  private Resolved resolve(String topic) {
    String value = template.replace(FirehoseSinkConfig.TOPIC_TEMPLATE, topic);
    String name =
        AwsArn.looksLikeArn(value)
            ? AwsArn.parseFirehoseDeliveryStream(value).resourceName()
            : value;
    if (!NAME.matcher(name).matches()) {
      return new Resolved(
          name, "delivery stream name '" + name + "' (for topic '" + topic + "') must be " + RULE);
    }
    return new Resolved(name, null);
  }

  /** What is wrong with a configured name template, if anything; topics are not known yet. */
  static Optional<String> problemWithTemplate(String template) {
    String fixedPart = template.replace(FirehoseSinkConfig.TOPIC_TEMPLATE, "");
    if (!fixedPart.isEmpty() && !NAME.matcher(fixedPart).matches()) {
      return Optional.of(
          "Delivery stream name '" + template + "' must be " + RULE + " (plus '${topic}').");
    }
    return Optional.empty();
  }
}
