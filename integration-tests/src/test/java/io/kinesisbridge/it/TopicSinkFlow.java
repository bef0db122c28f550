package io.kinesisbridge.it;

import io.kinesisbridge.it.ContinuousProducer.Sent;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the two sink flows of {@link ConnectClusterIT} share: a topic written by a {@link
 * ContinuousProducer} throughout, a sink connector named after it, drained once its consumer group
 * committed the end of every partition.
 */
abstract class TopicSinkFlow implements ClusterFlow {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSinkFlow.class);
  private static final Duration TICK = Duration.ofMillis(100);

  private final EmbeddedKafkaCluster kafka;
  private final String topic;
  private final int partitions;
  private final int keys;
  private final int recordsPerTick;
  private final String connector;
  private ContinuousProducer producer;

  /**
   * A flow from topic {@code name} of {@code partitions} partitions (created here), written with
   * {@code keys} keys at {@code recordsPerTick} records every 100 ms, by connector {@code
   * name-sink}.
   */
  TopicSinkFlow(
      EmbeddedKafkaCluster kafka, String name, int partitions, int keys, int recordsPerTick) {
    this.kafka = kafka;
    this.topic = name;
    this.partitions = partitions;
    this.keys = keys;
    this.recordsPerTick = recordsPerTick;
    this.connector = name + "-sink";
    kafka.createTopic(topic, partitions);
  }

  @Override
  public final String connector() {
    return connector;
  }

  /** The settings every sink flow has: class, tasks, topic, converters, then {@code aws}. */
  final Map<String, String> sinkConfig(String connectorClass, int tasks, Map<String, String> aws) {
    Map<String, String> config = new HashMap<>(aws);
    config.put("connector.class", connectorClass);
    config.put("tasks.max", String.valueOf(tasks));
    config.put("topics", topic);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }

  @Override
  public final void startLoad() {
    producer =
        ContinuousProducer.start(
            kafka.bootstrapServers(), topic, partitions, keys, recordsPerTick, TICK);
  }

  @Override
  public final List<Sent> stopLoad() {
    try (ContinuousProducer stopping = producer) {
      List<Sent> sent = stopping.stop();
      LOG.info(
          "{}: {} records written, {} sends failed", topic, sent.size(), stopping.failedCount());
      return sent;
    }
  }

  /** Drained once the connector's group committed the end of every partition. */
  @Override
  public boolean awaitDrained(Duration timeout) {
    Map<TopicPartition, Long> ends = SinkGroupOffsets.endOffsets(kafka, topic, partitions);
    return SinkGroupOffsets.awaitCommittedToEnd(kafka, connector, topic, partitions, timeout)
        .equals(ends);
  }
}
