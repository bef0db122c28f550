package io.kinesisbridge.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A consumer group's lag: per partition of its topic, the log end offset less the group's committed
 * offset (the whole partition when nothing is committed yet), summed. For a sink connector the
 * group is {@code connect-<connector name>} and its commits follow the worker's {@code
 * offset.flush.interval.ms}, so the lag read here includes up to one commit interval of records.
 */
final class ConsumerLag {

  private static final long TIMEOUT_SECONDS = 10;

  private ConsumerLag() {}

  /** The lag of {@code group} on {@code topic} with {@code partitions} partitions, or -1. */
  static long of(Admin admin, String group, String topic, int partitions) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      long lag = 0;
      for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
          ends.entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        lag += end.getValue().offset() - (done == null ? 0 : done.offset());
      }
      return lag;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (ExecutionException | TimeoutException e) {
      return -1;
    }
  }

  /** The sum of the log end offsets of {@code topic}: records written to it so far, or -1. */
  static long endOffsets(Admin admin, String topic, int partitions) {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    try {
      return admin
          .listOffsets(latest)
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .values()
          .stream()
          .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
          .sum();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (ExecutionException | TimeoutException e) {
      return -1;
    }
  }
}
