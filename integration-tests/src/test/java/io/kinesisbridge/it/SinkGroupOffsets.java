package io.kinesisbridge.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a sink connector's consumer group ({@code connect-<connector>}) committed, read with an
 * Admin client as an operator would, next to the end offsets of the topic it reads.
 */
final class SinkGroupOffsets {

  private SinkGroupOffsets() {}

  /** The committed offset per partition of {@code connector}'s group; absent when none. */
  static Map<TopicPartition, Long> committed(EmbeddedConnectCluster connect, String connector) {
    return committed(connect.kafka(), connector);
  }

  /** The committed offset per partition of {@code connector}'s group; absent when none. */
  static Map<TopicPartition, Long> committed(EmbeddedKafkaCluster kafka, String connector) {
    try (Admin admin = kafka.createAdminClient()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets("connect-" + connector)
              .partitionsToOffsetAndMetadata()
              .get();
      Map<TopicPartition, Long> committed = new HashMap<>();
      offsets.forEach(
          (partition, offset) -> {
            if (offset != null) {
              committed.put(partition, offset.offset());
            }
          });
      return committed;
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("cannot read the offsets of connector " + connector, e);
    }
  }

  /** The end offset of each of the {@code partitions} partitions of {@code topic}. */
  static Map<TopicPartition, Long> endOffsets(
      EmbeddedConnectCluster connect, String topic, int partitions) {
    return endOffsets(connect.kafka(), topic, partitions);
  }

  /** The end offset of each of the {@code partitions} partitions of {@code topic}. */
  static Map<TopicPartition, Long> endOffsets(
      EmbeddedKafkaCluster kafka, String topic, int partitions) {
    Map<TopicPartition, OffsetSpec> latest =
        IntStream.range(0, partitions)
            .mapToObj(p -> new TopicPartition(topic, p))
            .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
    try (Admin admin = kafka.createAdminClient()) {
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
      return ends;
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("cannot read the end offsets of " + topic, e);
    }
  }

  /**
   * Waits until the group committed the end of every partition of {@code topic}, or the time is up,
   * and returns what it last committed; the caller asserts.
   */
  static Map<TopicPartition, Long> awaitCommittedToEnd(
      EmbeddedConnectCluster connect,
      String connector,
      String topic,
      int partitions,
      Duration timeout) {
    return awaitCommittedToEnd(connect.kafka(), connector, topic, partitions, timeout);
  }

  /**
   * Waits until the group committed the end of every partition of {@code topic}, or the time is up,
   * and returns what it last committed; the caller asserts.
   */
  static Map<TopicPartition, Long> awaitCommittedToEnd(
      EmbeddedKafkaCluster kafka,
      String connector,
      String topic,
      int partitions,
      Duration timeout) {
    Map<TopicPartition, Long> ends = endOffsets(kafka, topic, partitions);
    Instant deadline = Instant.now().plus(timeout);
    Map<TopicPartition, Long> committed = committed(kafka, connector);
    while (!committed.equals(ends) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      committed = committed(kafka, connector);
    }
    return committed;
  }
}
