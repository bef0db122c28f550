package io.kinesisbridge.firehose;

import io.kinesisbridge.common.connect.SinkTasks;
import io.kinesisbridge.common.testing.FakeSinkTaskContext;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A Firehose sink task on a {@link FakeFirehose}, with helpers to feed it and watch it. */
final class TaskHarness implements AutoCloseable {

  static final String TOPIC = "events";
  static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  final FirehoseSinkTask task = new FirehoseSinkTask();
  final FakeFirehose firehose = new FakeFirehose();
  FakeSinkTaskContext context;

  /** Starts the task with fast test timings plus {@code overrides}. */
  TaskHarness start(Map<String, String> overrides, boolean withDlq) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "unit");
    props.put("firehose.delivery.stream", "deliveries");
    props.put("aws.region", "us-east-1");
    props.put("firehose.linger.ms", "1");
    props.put("firehose.retry.backoff.ms", "1");
    props.put("firehose.retry.backoff.max.ms", "5");
    props.putAll(overrides);
    context = new FakeSinkTaskContext(withDlq, P0, P1);
    task.initialize(context);
    task.start(new FirehoseSinkConfig(props), firehose);
    return this;
  }

  static SinkRecord record(int partition, long offset, String value) {
    return record(partition, offset, Schema.OPTIONAL_STRING_SCHEMA, value);
  }

  static SinkRecord record(int partition, long offset, Schema schema, Object value) {
    return new SinkRecord(TOPIC, partition, Schema.STRING_SCHEMA, "k", schema, value, offset);
  }

  /** Records of {@code partition} at offsets 0..count-1 with the given string values. */
  static List<SinkRecord> records(int partition, int count, IntFunction<String> value) {
    List<SinkRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(record(partition, i, value.apply(i)));
    }
    return records;
  }

  /** The offset the task would commit for {@code partition}, or -1 for none. */
  long committed(TopicPartition partition) {
    Map<TopicPartition, OffsetAndMetadata> current =
        Map.of(P0, new OffsetAndMetadata(0), P1, new OffsetAndMetadata(0));
    OffsetAndMetadata offset = task.preCommit(current).get(partition);
    return offset == null ? -1 : offset.offset();
  }

  /** A gauge as the task publishes it over JMX. */
  Number gauge(String name) {
    try {
      Hashtable<String, String> keys = new Hashtable<>();
      keys.put("type", ObjectName.quote("firehose-sink-task"));
      keys.put("connector", ObjectName.quote("unit"));
      keys.put("task", ObjectName.quote(SinkTasks.currentTaskId()));
      ObjectName bean = new ObjectName("kinesis.bridge", keys);
      return (Number) ManagementFactory.getPlatformMBeanServer().getAttribute(bean, name);
    } catch (JMException e) {
      throw new AssertionError(e);
    }
  }

  /** What the fake delivered, split at {@code delimiter}: one entry per Kafka record. */
  List<String> deliveredLines(String delimiter) {
    String all = new String(firehose.delivered(), StandardCharsets.UTF_8);
    return List.of(all.split(Pattern.quote(delimiter)));
  }

  static void eventually(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition within 10 s").isBefore(deadline);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    task.stop();
  }
}
