package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.DeaggregatedRecords;
import io.kinesisbridge.testkit.KinesisFaultProxy;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisStreams;
import io.kinesisbridge.testkit.KinesisUserRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis sink under the failures the real service answers under load, which kinesis-mock never
 * does: a fault proxy refuses 10% of PutRecords calls whole and fails 20% of the entries of the
 * others (those are really not stored). Every record must arrive, each key's records in offset
 * order (the default per-key order), and no committed offset may ever be ahead of what Kinesis
 * holds.
 */
class KinesisSinkFaultsIT {

  private static final int PARTITIONS = 3;
  private static final int RECORDS = 3_000;
  private static final String TOPIC = "sink-faults";
  private static final String STREAM = "sink-faults-stream";
  private static final String CONNECTOR = "kinesis-sink-faults";

  private static KinesisMock kinesis;
  private static KinesisFaultProxy faults;
  private static AwsClientFactory clients;
  private static KinesisClient client;
  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.start();
    faults =
        KinesisFaultProxy.start(kinesis.plainEndpoint())
            .failedEntryShare(0.2)
            .throttledCallShare(0.1);
    clients = AwsClientFactory.create(AwsSettings.from(kinesis.awsSettings()));
    client = clients.kinesis();
    connect = SharedConnectCluster.acquire();
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      SharedConnectCluster.release();
    }
    if (client != null) {
      client.close();
      clients.close();
    }
    if (faults != null) {
      faults.close();
    }
    if (kinesis != null) {
      kinesis.close();
    }
  }

  @Test
  void withFailedEntriesAndThrottledCallsEveryRecordArrivesInKeyOrderAndNoOffsetRunsAhead()
      throws Exception {
    KinesisStreams.createActive(client, STREAM, 2);
    TestProducer.createTopic(connect, TOPIC, PARTITIONS);
    List<ProducerRecord<String, String>> records = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      records.add(new ProducerRecord<>(TOPIC, i % PARTITIONS, "key-" + (i % 40), value(i)));
    }
    TestProducer.send(connect, records);

    connect.configureConnector(CONNECTOR, sinkConfig());
    KinesisReader reader = new KinesisReader(client);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    int checks = 0;
    Set<String> arrived = Set.of();
    Map<Integer, Long> committed = Map.of();
    while (Instant.now().isBefore(deadline)) {
      // Offsets first: whatever they promise must already be in the stream read after them.
      committed = committedOffsets();
      arrived = distinct(reader.readAllDeaggregated(STREAM));
      assertCommittedArrived(committed, arrived);
      checks++;
      if (arrived.size() == RECORDS
          && committed.values().stream().mapToLong(Long::longValue).sum() == RECORDS) {
        break;
      }
      Thread.sleep(1_000);
    }
    DeaggregatedRecords all = reader.readAllDeaggregated(STREAM);
    connect.deleteConnector(CONNECTOR);
    System.out.printf(
        "Under injected faults: %d entries failed, %d calls throttled, %d entries stored, %d"
            + " offset checks%n",
        faults.entriesFailed(), faults.callsThrottled(), faults.entriesForwarded(), checks);

    assertThat(arrived).as("distinct records in the stream").isEqualTo(expected());
    assertThat(committed)
        .as("committed offsets at the end, per partition")
        .isEqualTo(Map.of(0, RECORDS / 3L, 1, RECORDS / 3L, 2, RECORDS / 3L));
    assertThat(checks).as("offset checks while records were arriving").isGreaterThan(1);
    assertThat(faults.entriesFailed()).as("entries failed by injection").isPositive();
    assertThat(faults.callsThrottled()).as("calls throttled by injection").isPositive();
    assertKeyOrderPerShard(all);
  }

  /**
   * A split and then a merge while the sink writes through the same faults, as KPL aggregates (one
   * lane per shard) and as plain records (one lane per key): read as a consumer must (a parent
   * shard before its children), each key's records keep their offset order, because a key's new
   * records never leave the queue that still holds its older ones.
   */
  @ParameterizedTest(name = "aggregation {0}")
  @ValueSource(booleans = {true, false})
  void aSplitAndAMergeUnderFaultsKeepEachKeysRecordsInOffsetOrder(boolean aggregation)
      throws Exception {
    String topic = "sink-reshard-" + aggregation;
    String stream = "sink-reshard-stream-" + aggregation;
    String connector = "kinesis-sink-reshard-" + aggregation;
    KinesisStreams.createActive(client, stream, 2);
    TestProducer.createTopic(connect, topic, PARTITIONS);
    KinesisReader reader = new KinesisReader(client);
    produce(topic, 0, 500);
    Map<String, String> config = sinkConfig();
    config.put("topics", topic);
    config.put("kinesis.stream.name", stream);
    config.put("kinesis.aggregation.enabled", String.valueOf(aggregation));
    config.put("kinesis.batch.max.records", "20");
    config.put("kinesis.shard.map.refresh.interval.ms", "1000");
    connect.configureConnector(connector, config);

    awaitDistinct(reader, stream, 200);
    splitFirstShard(stream);
    produce(topic, 500, 500);
    awaitDistinct(reader, stream, 700);
    mergeUpperShards(stream);
    produce(topic, 1_000, 500);
    DeaggregatedRecords all = awaitDistinct(reader, stream, 1_500);
    connect.deleteConnector(connector);

    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 1_500; i++) {
      expected.add(value(i));
    }
    assertThat(distinct(all)).as("distinct records in the stream").isEqualTo(expected);
    assertThat(KinesisStreams.listShards(client, stream))
        .as("shards after split and merge")
        .hasSize(5);
    assertKeyOrderAcrossShards(all);
  }

  private static void produce(String topic, int from, int count) {
    List<ProducerRecord<String, String>> records = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      records.add(new ProducerRecord<>(topic, i % PARTITIONS, "key-" + (i % 40), value(i)));
    }
    TestProducer.send(connect, records);
  }

  private static DeaggregatedRecords awaitDistinct(KinesisReader reader, String stream, int count)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    DeaggregatedRecords records = reader.readAllDeaggregated(stream);
    while (distinct(records).size() < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(1_000);
      records = reader.readAllDeaggregated(stream);
    }
    return records;
  }

  private static void splitFirstShard(String stream) {
    KinesisStreams.splitInHalf(client, stream, openShards(stream).get(0));
  }

  /** Merges the two open shards with the highest hash ranges (adjacent by construction). */
  private static void mergeUpperShards(String stream) {
    List<Shard> open = openShards(stream);
    Shard lower = open.get(open.size() - 2);
    Shard upper = open.get(open.size() - 1);
    client.mergeShards(
        b ->
            b.streamName(stream)
                .shardToMerge(lower.shardId())
                .adjacentShardToMerge(upper.shardId()));
    KinesisStreams.awaitActive(client, stream);
  }

  private static List<Shard> openShards(String stream) {
    List<Shard> open = new ArrayList<>(KinesisStreams.openShards(client, stream));
    open.sort(Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey())));
    return open;
  }

  /**
   * Read shard by shard in ListShards order (parents before their children, as a consumer reads
   * them), the first appearance of each key's records of a partition follows their offsets.
   */
  private static void assertKeyOrderAcrossShards(DeaggregatedRecords records) {
    Map<String, Integer> highest = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (KinesisUserRecord record : records.userRecords()) {
      if (!seen.add(record.utf8())) {
        continue;
      }
      String[] parts = record.utf8().split("-");
      String key = record.partitionKey() + "/" + parts[0];
      int seq = Integer.parseInt(parts[1]);
      Integer previous = highest.put(key, seq);
      assertThat(previous == null || previous < seq)
          .as("key %s: %s (in %s) first appeared after %s", key, seq, record.shardId(), previous)
          .isTrue();
    }
  }

  private static Map<String, String> sinkConfig() {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings(faults.endpoint()));
    config.put("connector.class", "io.kinesisbridge.sink.KinesisSinkConnector");
    config.put("tasks.max", "2");
    config.put("topics", TOPIC);
    config.put("kinesis.stream.name", STREAM);
    // Many small calls, so that many draws of the proxy's dice hit each partition.
    config.put("kinesis.batch.max.records", "100");
    config.put("kinesis.retry.backoff.ms", "50");
    config.put("kinesis.retry.backoff.max.ms", "500");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }

  private static String value(int i) {
    return "p" + (i % PARTITIONS) + "-" + String.format("%06d", i);
  }

  private static Set<String> expected() {
    Set<String> values = new TreeSet<>();
    for (int i = 0; i < RECORDS; i++) {
      values.add(value(i));
    }
    return values;
  }

  private static Set<String> distinct(DeaggregatedRecords records) {
    Set<String> values = new HashSet<>();
    records.userRecords().forEach(r -> values.add(r.utf8()));
    return values;
  }

  /** The sink's committed offset per partition of the topic; partitions without one are absent. */
  private static Map<Integer, Long> committedOffsets() {
    Map<Integer, Long> offsets = new TreeMap<>();
    try {
      for (ConnectorOffset offset : connect.connectorOffsets(CONNECTOR).offsets()) {
        int partition = ((Number) offset.partition().get("kafka_partition")).intValue();
        long next = ((Number) offset.offset().get("kafka_offset")).longValue();
        offsets.put(partition, next);
      }
    } catch (RuntimeException notYet) {
      // the connector's offsets are readable once its group exists
    }
    return offsets;
  }

  /**
   * Every record below a partition's committed offset is in the stream. Record {@code i} went to
   * partition {@code i % 3} as its {@code (i / 3)}-th record, so offset {@code k} of partition
   * {@code p} is record {@code 3k + p}.
   */
  private static void assertCommittedArrived(Map<Integer, Long> committed, Set<String> arrived) {
    committed.forEach(
        (partition, next) -> {
          for (long k = 0; k < next; k++) {
            String value = value((int) (k * PARTITIONS + partition));
            assertThat(arrived)
                .as(
                    "partition %s committed up to %s, so record %s must be in Kinesis",
                    partition, next, value)
                .contains(value);
          }
        });
  }

  /**
   * In each shard, the first appearance of each key's records of a partition follows their offsets
   * (the default {@code kinesis.ordering=per-key}), although a fifth of the entries failed.
   */
  private static void assertKeyOrderPerShard(DeaggregatedRecords records) {
    Map<String, Integer> highest = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (KinesisUserRecord record : records.userRecords()) {
      String[] parts = record.utf8().split("-");
      // The same key comes from every partition here: order holds per key within a partition.
      String lane = record.shardId() + "/" + record.partitionKey() + "/" + parts[0];
      int seq = Integer.parseInt(parts[1]);
      if (!seen.add(lane + "/" + seq)) {
        continue;
      }
      Integer previous = highest.get(lane);
      assertThat(previous == null || previous < seq)
          .as("in %s, %s appeared first after %s", lane, seq, previous)
          .isTrue();
      highest.put(lane, seq);
    }
  }
}
