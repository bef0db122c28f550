package io.kinesisbridge.sink;

import io.kinesisbridge.common.kinesis.StreamRef;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the stream a topic's records go to, from a name or ARN with an optional ${topic}, parsed
 * once per topic into a {@link StreamRef}.
 */
final class StreamNames {

  private final String template;
  private final Map<String, StreamRef> byTopic = new ConcurrentHashMap<>();

  StreamNames(String template) {
    this.template = template;
  }

  /**
   * The stream for {@code topic}.
   *
   * @throws IllegalArgumentException when the topic makes the template an invalid name or ARN
   */
  StreamRef streamFor(String topic) {
    return byTopic.computeIfAbsent(topic, this::resolve);
  }

  /** The one stream every topic goes to, or null when the stream depends on the topic. */
  StreamRef fixedStream() {
    return template.contains(KinesisSinkConfig.TOPIC_TEMPLATE) ? null : resolve("");
  }

  private StreamRef resolve(String topic) {
    return StreamRef.parse(template.replace(KinesisSinkConfig.TOPIC_TEMPLATE, topic));
  }
}
