package io.kinesisbridge.it;

import io.kinesisbridge.common.aggregation.AggregateEncoder;
import io.kinesisbridge.common.aggregation.UserRecord;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kinesisbridge.it.SourceRecordChecks.assertKeyOrder;
import static io.kinesisbridge.it.SourceRecordChecks.assertShardOrder;
import static io.kinesisbridge.it.SourceRecordChecks.distinctValues;
import static io.kinesisbridge.it.SourceRecordChecks.expected;
import static io.kinesisbridge.it.SourceRecordChecks.header;
import static io.kinesisbridge.it.SourceRecordChecks.text;
import static io.kinesisbridge.it.SourceRecordChecks.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis source from the real bundle in a real worker, against kinesis-mock: completeness,
 * per-shard and per-key order, stop and resume from committed offsets, and a split during the run.
 */
class KinesisSourceIT {

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final int KEYS = 40;

  private static KinesisMock kinesis;
  private static EmbeddedConnectCluster connect;
  private static AwsClientFactory clients;
  private static KinesisClient client;

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.start();
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
    if (kinesis != null) {
      kinesis.close();
    }
  }

  /** A fresh stream, topic and connector name for each test. */
  private record Flow(String stream, String topic, String connector) {
    static Flow create(int shards) {
      int n = NEXT.incrementAndGet();
      Flow flow = new Flow("source-it-" + n, "kafka-source-it-" + n, "kinesis-source-" + n);
      KinesisStreams.createActive(client, flow.stream, shards);
      connect.kafka().createTopic(flow.topic, 4);
      return flow;
    }
  }

  private static Map<String, String> sourceConfig(Flow flow, Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("connector.class", "io.kinesisbridge.source.KinesisSourceConnector");
    config.put("tasks.max", "2");
    config.put("kinesis.stream.name", flow.stream);
    config.put("kafka.topic", "kafka-${stream}");
    config.put("kinesis.poll.interval.ms", "300");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.putAll(overrides);
    return config;
  }

  /** Puts values {@code r-<index>} with partition keys {@code key-<index % 40>}. */
  private static void put(Flow flow, int from, int count) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      entries.add(
          PutRecordsRequestEntry.builder()
              .partitionKey("key-" + (i % KEYS))
              .data(SdkBytes.fromUtf8String(value(i)))
              .build());
    }
    KinesisStreams.putAll(client, flow.stream, entries);
  }

  private static List<ConsumerRecord<byte[], byte[]>> consume(Flow flow, int count) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    connect
        .kafka()
        .consume(count, Duration.ofMinutes(4).toMillis(), flow.topic)
        .forEach(records::add);
    return records;
  }

  @Test
  void sixThousandRecordsOfAFourShardStreamReachKafkaInShardOrder() {
    Flow flow = Flow.create(4);
    put(flow, 0, 6_000);

    connect.configureConnector(flow.connector, sourceConfig(flow, Map.of()));
    List<ConsumerRecord<byte[], byte[]>> records = consume(flow, 6_000);

    assertThat(distinctValues(records)).isEqualTo(expected(6_000));
    assertThat(records).hasSize(6_000);
    assertShardOrder(records);
    assertKeyOrder(records);
    ConsumerRecord<byte[], byte[]> first = records.get(0);
    assertThat(header(first, "kinesis.stream")).isEqualTo(flow.stream);
    assertThat(header(first, "kinesis.partition.key")).isEqualTo(text(first.key()));
    connect.deleteConnector(flow.connector);
  }

  /** Enhanced fan-out over HTTP/2 cleartext to kinesis-mock, one consumer per connector. */
  private static Map<String, String> efo(Flow flow, Map<String, String> more) {
    Map<String, String> overrides = new HashMap<>(more);
    overrides.put("kinesis.reader", "efo");
    overrides.put("kinesis.efo.consumer.name", flow.connector + "-consumer");
    return sourceConfig(flow, overrides);
  }

  @Test
  void withEnhancedFanOutBacklogAndLiveRecordsReachKafkaInShardOrder() {
    Flow flow = Flow.create(4);
    put(flow, 0, 3_000);

    connect.configureConnector(flow.connector, efo(flow, Map.of()));
    consume(flow, 3_000);
    put(flow, 3_000, 3_000);
    List<ConsumerRecord<byte[], byte[]>> records = consume(flow, 6_000);

    assertThat(distinctValues(records)).isEqualTo(expected(6_000));
    assertThat(records).hasSize(6_000);
    assertShardOrder(records);
    assertKeyOrder(records);
    assertThat(client.listStreamConsumers(b -> b.streamARN(streamArn(flow))).consumers())
        .extracting(c -> c.consumerName())
        .containsExactly(flow.connector + "-consumer");
    connect.deleteConnector(flow.connector);
  }

  private static String streamArn(Flow flow) {
    return client
        .describeStreamSummary(b -> b.streamName(flow.stream))
        .streamDescriptionSummary()
        .streamARN();
  }

  /** Splits the stream's first shard in the middle of its hash key range. */
  private static void split(Flow flow) {
    KinesisStreams.splitInHalf(
        client, flow.stream, KinesisStreams.listShards(client, flow.stream).get(0));
  }

  @Test
  void aStoppedConnectorResumesFromItsOffsetsWithoutLoss() throws InterruptedException {
    Flow flow = Flow.create(2);
    put(flow, 0, 1_500);
    connect.configureConnector(flow.connector, sourceConfig(flow, Map.of()));
    consume(flow, 1_500);

    connect.stopConnector(flow.connector);
    connect.assertions().assertConnectorIsStopped(flow.connector, "connector stops");
    put(flow, 1_500, 1_500);
    connect.resumeConnector(flow.connector);
    List<ConsumerRecord<byte[], byte[]>> records = consume(flow, 3_000);

    assertThat(distinctValues(records)).isEqualTo(expected(3_000));
    assertThat(records.size() - 3_000).as("records delivered twice after the stop").isZero();
    assertShardOrder(records);
    connect.deleteConnector(flow.connector);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"polling", "efo"})
  void aSplitDuringTheRunLosesNothingAndKeepsKeyOrder(String reader) {
    Flow flow = Flow.create(2);
    put(flow, 0, 1_500);
    Map<String, String> discovery = Map.of("kinesis.shard.discovery.interval.ms", "2000");
    connect.configureConnector(
        flow.connector,
        reader.equals("efo") ? efo(flow, discovery) : sourceConfig(flow, discovery));
    consume(flow, 500);

    split(flow);
    put(flow, 1_500, 1_500);
    List<ConsumerRecord<byte[], byte[]>> records = consume(flow, 3_000);

    assertThat(distinctValues(records)).isEqualTo(expected(3_000));
    assertKeyOrder(records);
    assertThat(records.stream().map(r -> header(r, "kinesis.shard.id")).distinct().count())
        .as("shards read, children included")
        .isEqualTo(4);
    connect.deleteConnector(flow.connector);
  }

  /**
   * Aggregates as a correct producer writes them (the KPL, our sink): user records grouped by the
   * shard that owns their key, each aggregate sent with an explicit hash key of that shard. One
   * misrouted aggregate (user records of both shards, sent to the first) goes first: AWS's KCL
   * drops it, as the producer would re-send its records, and so must the source.
   */
  @Test
  void aggregatedRecordsComeOutAsIndividualUserRecords() throws Exception {
    Flow flow = Flow.create(2);
    List<Shard> shards = client.listShards(b -> b.streamName(flow.stream)).shards();
    Map<Shard, List<UserRecord>> byShard = new java.util.LinkedHashMap<>();
    shards.forEach(shard -> byShard.put(shard, new ArrayList<>()));
    for (int i = 0; i < 2_000; i++) {
      String key = "key-" + (i % KEYS);
      byShard
          .get(owner(shards, key))
          .add(UserRecord.of(key, value(i).getBytes(StandardCharsets.UTF_8)));
    }
    List<PutRecordsRequestEntry> aggregates = new ArrayList<>();
    aggregates.add(misroutedAggregate(shards.get(0)));
    byShard.forEach(
        (shard, users) -> {
          for (int from = 0; from < users.size(); from += 10) {
            List<UserRecord> batch = users.subList(from, Math.min(users.size(), from + 10));
            aggregates.add(
                PutRecordsRequestEntry.builder()
                    .partitionKey("aggregate-" + aggregates.size())
                    .explicitHashKey(shard.hashKeyRange().startingHashKey())
                    .data(SdkBytes.fromByteArray(AggregateEncoder.encode(batch)))
                    .build());
          }
        });
    KinesisStreams.putAll(client, flow.stream, aggregates);

    connect.configureConnector(flow.connector, sourceConfig(flow, Map.of()));
    List<ConsumerRecord<byte[], byte[]>> records = consume(flow, 2_000);

    assertThat(distinctValues(records)).isEqualTo(expected(2_000));
    assertThat(records).hasSize(2_000);
    assertThat(records)
        .allSatisfy(r -> assertThat(header(r, "kinesis.sub.sequence.number")).isNotNull());
    assertKeyOrder(records);
    long dropped = 0;
    for (javax.management.ObjectName task :
        BridgeMetrics.beans("kinesis-source-task", flow.connector)) {
      dropped +=
          ((Number)
                  java.lang.management.ManagementFactory.getPlatformMBeanServer()
                      .getAttribute(task, "records-dropped-out-of-range"))
              .longValue();
    }
    assertThat(dropped).as("user records of the misrouted aggregate dropped").isEqualTo(2);
    connect.deleteConnector(flow.connector);
  }

  /** The shard whose hash key range holds {@code partitionKey}'s hash key. */
  private static Shard owner(List<Shard> shards, String partitionKey) {
    BigInteger hash = io.kinesisbridge.common.aggregation.HashKeys.hashKeyOf(partitionKey);
    return shards.stream()
        .filter(
            s ->
                hash.compareTo(new BigInteger(s.hashKeyRange().startingHashKey())) >= 0
                    && hash.compareTo(new BigInteger(s.hashKeyRange().endingHashKey())) <= 0)
        .findFirst()
        .orElseThrow();
  }

  /** An aggregate of one user record per shard, sent to {@code target}. */
  private static PutRecordsRequestEntry misroutedAggregate(Shard target) {
    List<UserRecord> users = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String ehk =
          i == 0 ? "0" : io.kinesisbridge.common.aggregation.HashKeys.MAX_HASH_KEY.toString();
      users.add(
          new UserRecord(
              "misrouted-" + i, ehk, ("misrouted-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    return PutRecordsRequestEntry.builder()
        .partitionKey("misrouted")
        .explicitHashKey(target.hashKeyRange().startingHashKey())
        .data(SdkBytes.fromByteArray(AggregateEncoder.encode(users)))
        .build();
  }

  @Test
  void aMergeDuringTheRunLosesNothingAndKeepsKeyOrder() {
    Flow flow = Flow.create(2);
    put(flow, 0, 1_000);
    connect.configureConnector(
        flow.connector, sourceConfig(flow, Map.of("kinesis.shard.discovery.interval.ms", "2000")));
    consume(flow, 300);

    List<Shard> shards = KinesisStreams.listShards(client, flow.stream);
    client.mergeShards(
        b ->
            b.streamName(flow.stream)
                .shardToMerge(shards.get(0).shardId())
                .adjacentShardToMerge(shards.get(1).shardId()));
    KinesisStreams.awaitActive(client, flow.stream);
    put(flow, 1_000, 1_000);
    List<ConsumerRecord<byte[], byte[]>> records = consume(flow, 2_000);

    assertThat(distinctValues(records)).isEqualTo(expected(2_000));
    assertKeyOrder(records);
    assertThat(records.stream().map(r -> header(r, "kinesis.shard.id")).distinct().count())
        .as("shards read, the merged child included")
        .isEqualTo(3);
    connect.deleteConnector(flow.connector);
  }

  @Test
  void withExactlyOnceSupportATaskRestartDeliversEachRecordOnce() {
    EmbeddedConnectCluster eos = startExactlyOnceCluster();
    try {
      int n = NEXT.incrementAndGet();
      Flow flow = new Flow("source-it-" + n, "kafka-source-it-" + n, "kinesis-source-" + n);
      KinesisStreams.createActive(client, flow.stream, 2);
      eos.kafka().createTopic(flow.topic, 4);
      put(flow, 0, 1_000);
      Map<String, String> config = sourceConfig(flow, Map.of("exactly.once.support", "required"));
      eos.configureConnector(flow.connector, config);
      Map<String, Object> committed = Map.of("isolation.level", "read_committed");
      eos.kafka().consume(400, Duration.ofMinutes(2).toMillis(), committed, flow.topic);

      eos.restartConnectorAndTasks(flow.connector, false, true, false);
      put(flow, 1_000, 1_000);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      eos.kafka()
          .consume(2_000, Duration.ofMinutes(3).toMillis(), committed, flow.topic)
          .forEach(records::add);

      assertThat(distinctValues(records)).isEqualTo(expected(2_000));
      assertThat(records).as("no record twice").hasSize(2_000);
      assertShardOrder(records);
    } finally {
      eos.stop();
    }
  }

  /** A one-broker cluster whose worker runs with exactly-once source support. */
  private static EmbeddedConnectCluster startExactlyOnceCluster() {
    Properties broker = new Properties();
    // One broker: the transaction log cannot have the default three replicas.
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    Map<String, String> worker = new HashMap<>();
    worker.put("plugin.path", BundleConnectCluster.pluginPath().toString());
    worker.put("offset.flush.interval.ms", "2000");
    worker.put("exactly.once.source.support", "enabled");
    EmbeddedConnectCluster cluster =
        new EmbeddedConnectCluster.Builder()
            .name("kinesis-source-eos-it")
            .numWorkers(1)
            .brokerProps(broker)
            .workerProps(worker)
            // Stopping a cluster that masks exits unmasks them JVM-wide, under the shared one.
            .maskExitProcedures(false)
            .build();
    cluster.start();
    return cluster;
  }

  @Test
  void validateSaysInPlainWordsThatAStreamDoesNotExist() {
    Flow flow = new Flow("no-such-source-stream", "unused-topic", "validate-only");
    Map<String, String> config = sourceConfig(flow, Map.of("name", flow.connector));

    var result = connect.validateConnectorConfig("KinesisSourceConnector", config);

    var messages =
        result.configs().stream()
            .filter(c -> c.configValue().name().equals("kinesis.stream.name"))
            .flatMap(c -> c.configValue().errors().stream())
            .toList();
    assertThat(messages)
        .singleElement()
        .asString()
        .contains("'no-such-source-stream' does not exist in us-east-1");
  }
}
