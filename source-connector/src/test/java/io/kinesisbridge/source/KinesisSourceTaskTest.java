package io.kinesisbridge.source;

import io.kinesisbridge.source.assign.TaskShards;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.StartPosition;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisSourceTaskTest {

  private final FakeKinesisReader kinesis = new FakeKinesisReader();
  private final FakeSourceContexts contexts = new FakeSourceContexts();

  @Test
  void aTaskResumesAfterTheOffsetConnectCommittedAndClosesItsClientOnStop() throws Exception {
    ShardInfo shard = ShardInfo.open("orders", "shardId-0");
    kinesis.shard(shard);
    for (int i = 0; i < 4; i++) {
      kinesis.put(shard.key(), "k", ("v" + i).getBytes(StandardCharsets.UTF_8));
    }
    contexts.offsets.put(
        new HashMap<>(new ShardKey("orders", "shardId-0").toPartition()),
        Map.of("sequence", "49000010", "subsequence", 0L));
    KinesisSourceTask task = new KinesisSourceTask(config -> kinesis, config -> new FakeFanOut());
    task.initialize(contexts.taskContext());
    Map<String, String> props = new HashMap<>();
    props.put("kinesis.stream.name", "orders");
    props.put("kafka.topic", "from-${stream}");
    props.put(TaskShards.CONFIG, TaskShards.encode(List.of(shard)));
    task.start(props);

    List<SourceRecord> records = new ArrayList<>(task.poll());
    task.stop();

    assertThat(records)
        .extracting(r -> new String((byte[]) r.value(), StandardCharsets.UTF_8))
        .containsExactly("v2", "v3");
    assertThat(records.get(0).topic()).isEqualTo("from-orders");
    assertThat(kinesis.isClosed()).isTrue();
  }

  @Test
  void aStartThatFailsAfterOpeningThePortClosesItWithoutWaitingForStop() {
    ShardInfo shard = ShardInfo.open("orders", "shardId-0");
    kinesis.shard(shard);
    KinesisSourceTask task =
        new KinesisSourceTask(
            config -> kinesis,
            config -> {
              throw new IllegalStateException("no HTTP/2 client");
            });
    task.initialize(contexts.taskContext());
    Map<String, String> props = new HashMap<>();
    props.put("kinesis.stream.name", "orders");
    props.put("kinesis.reader", "efo");
    props.put("kinesis.efo.consumer.name", "bridge");
    props.put(TaskShards.CONFIG, TaskShards.encode(List.of(shard)));

    // Connect never calls stop() on a source task whose start() failed.
    assertThatThrownBy(() -> task.start(props)).hasMessageContaining("no HTTP/2 client");

    assertThat(kinesis.isClosed()).isTrue();
  }

  @Test
  void withEnhancedFanOutATaskSubscribesThroughTheNamedConsumerAndPublishesShardMetrics()
      throws Exception {
    ShardInfo shard = ShardInfo.open("orders", "shardId-7");
    kinesis.shard(shard);
    var record = kinesis.put(shard.key(), "k", "v0".getBytes(StandardCharsets.UTF_8));
    FakeFanOut fanOut = new FakeFanOut();
    KinesisSourceTask task = new KinesisSourceTask(config -> kinesis, config -> fanOut);
    task.initialize(contexts.taskContext());
    Map<String, String> props = new HashMap<>();
    props.put("name", "efo-task-test");
    props.put("kinesis.stream.name", "orders");
    props.put("kinesis.reader", "efo");
    props.put("kinesis.efo.consumer.name", "bridge");
    props.put(TaskShards.CONFIG, TaskShards.encode(List.of(shard)));
    task.start(props);

    List<SourceRecord> records = new ArrayList<>(task.poll());
    fanOut.latest(shard.key()).push(FakeFanOut.event(List.of(record)));
    records.addAll(task.poll());
    javax.management.MBeanServer jmx =
        java.lang.management.ManagementFactory.getPlatformMBeanServer();
    var names =
        jmx.queryNames(
            new javax.management.ObjectName(
                "kinesis.bridge:type=\"kinesis-source-shard\",connector=\"efo-task-test\",*"),
            null);
    Object shardDelivered =
        names.isEmpty() ? null : jmx.getAttribute(names.iterator().next(), "records-delivered");
    task.stop();

    assertThat(records).hasSize(1);
    assertThat(fanOut.consumersAsked()).containsExactly("orders/bridge");
    assertThat(names).hasSize(1);
    assertThat(names.iterator().next().getKeyProperty("shard")).isEqualTo("\"shardId-7\"");
    assertThat(shardDelivered).isEqualTo(1L);
    assertThat(fanOut.latest(shard.key()).cancelled()).isTrue();
    assertThat(fanOut.isClosed()).isTrue();
    assertThat(jmx.queryNames(names.iterator().next(), null)).isEmpty();
  }

  @Test
  void anEfoTaskLooksUpTheCommittedOffsetOfAChildItAdopts() throws Exception {
    ShardInfo parent = ShardInfo.open("orders", "shardId-0");
    ShardInfo child = new ShardInfo("orders", "shardId-1", "shardId-0", null, false);
    kinesis.shard(parent).shard(child);
    var last = kinesis.put(parent.key(), "k", "p0".getBytes(StandardCharsets.UTF_8));
    var read = kinesis.put(child.key(), "k", "c0".getBytes(StandardCharsets.UTF_8));
    var unread = kinesis.put(child.key(), "k", "c1".getBytes(StandardCharsets.UTF_8));
    contexts.offsets.put(
        new HashMap<>(parent.key().toPartition()),
        Map.of("sequence", last.sequenceNumber(), "subsequence", 0L));
    contexts.offsets.put(
        new HashMap<>(child.key().toPartition()),
        Map.of("sequence", read.sequenceNumber(), "subsequence", 0L));
    FakeFanOut fanOut = new FakeFanOut();
    KinesisSourceTask task = new KinesisSourceTask(config -> kinesis, config -> fanOut);
    task.initialize(contexts.taskContext());
    Map<String, String> props = new HashMap<>();
    props.put("kinesis.stream.name", "orders");
    props.put("kinesis.reader", "efo");
    props.put("kinesis.efo.consumer.name", "bridge");
    props.put(TaskShards.CONFIG, TaskShards.encode(List.of(parent)));
    task.start(props);

    List<SourceRecord> records = new ArrayList<>(task.poll());
    fanOut.latest(parent.key()).push(FakeFanOut.lastEvent(List.of(last), child));
    records.addAll(task.poll());
    records.addAll(task.poll());
    fanOut.latest(child.key()).push(FakeFanOut.event(List.of(read, unread)));
    records.addAll(task.poll());
    task.stop();

    assertThat(fanOut.latest(child.key()).from())
        .isEqualTo(StartPosition.atSequence(read.sequenceNumber()));
    assertThat(records)
        .extracting(r -> new String((byte[]) r.value(), StandardCharsets.UTF_8))
        .containsExactly("c1");
  }

  @Test
  void aReadFailingBecauseTheTaskStopsIsNotReportedAsAFailure() throws Exception {
    ShardInfo shard = ShardInfo.open("orders", "shardId-0");
    kinesis.shard(shard);
    KinesisSourceTask task = new KinesisSourceTask(config -> kinesis, config -> new FakeFanOut());
    task.initialize(contexts.taskContext());
    Map<String, String> props = new HashMap<>();
    props.put("kinesis.stream.name", "orders");
    props.put(TaskShards.CONFIG, TaskShards.encode(List.of(shard)));
    task.start(props);
    RuntimeException closedClient = new IllegalStateException("Connection pool shut down");

    kinesis.failNext(closedClient);
    org.assertj.core.api.Assertions.assertThatThrownBy(task::poll)
        .isInstanceOf(org.apache.kafka.connect.errors.ConnectException.class);
    task.stop();
    kinesis.failNext(closedClient);

    assertThat(task.poll()).isEmpty();
  }
}
