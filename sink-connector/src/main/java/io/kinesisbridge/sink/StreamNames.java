package io.kinesisbridge.sink;

import io.kinesisbridge.common.aws.AwsArn;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Resolves the stream a topic's records go to, from a name or ARN with an optional ${topic}. */
final class StreamNames {

  private final String template;
  private final Map<String, String> byTopic = new ConcurrentHashMap<>();

  StreamNames(String template) {
    this.template = template;
  }

  /** The stream name for {@code topic}. */
  String streamFor(String topic) {
    return byTopic.computeIfAbsent(topic, this::resolve);
  }

  /** The one stream every topic goes to, or null when the name depends on the topic. */
  String fixedStream() {
    return template.contains(KinesisSinkConfig.TOPIC_TEMPLATE) ? null : resolve("");
  }

  private String resolve(String topic) {
    String value = template.replace(KinesisSinkConfig.TOPIC_TEMPLATE, topic);
    return AwsArn.looksLikeArn(value) ? AwsArn.parseKinesisStream(value).resourceName() : value;
  }
}
