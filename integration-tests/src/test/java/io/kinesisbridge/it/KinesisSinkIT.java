package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.DeaggregatedRecords;
import io.kinesisbridge.testkit.KinesisOutage;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisStreams;
import io.kinesisbridge.testkit.KinesisUserRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis sink from the real bundle in a real worker, against kinesis-mock behind a proxy that
 * can cut the connection: completeness, per-key order, outages, restarts and the DLQ.
 */
class KinesisSinkIT {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(KinesisSinkIT.class);

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final int PARTITIONS = 3;

  /** Records the kill test produces per chunk; the last chunk comes after the kill. */
  private static final int CHUNK = 200;

  private static final int TASKS = 2;
  private static final int MAX_IN_FLIGHT = 2;
  private static final int BATCH_RECORDS = 100;

  /**
   * Small batches and few calls in flight, so that what can be stored without its acknowledgement
   * (and sent again) is bounded well below the records of a test: at most this many.
   */
  private static final int IN_FLIGHT_CAPACITY = TASKS * MAX_IN_FLIGHT * BATCH_RECORDS;

  private static final Map<String, String> BOUNDED_IN_FLIGHT =
      Map.of(
          "kinesis.max.in.flight.requests", String.valueOf(MAX_IN_FLIGHT),
          "kinesis.batch.max.records", String.valueOf(BATCH_RECORDS));

  private static KinesisOutage kinesis;
  private static EmbeddedConnectCluster connect;
  private static AwsClientFactory clients;
  private static KinesisClient client;

  @BeforeAll
  static void start() {
    kinesis = KinesisOutage.start();
    clients = AwsClientFactory.create(AwsSettings.from(kinesis.mock().awsSettings()));
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

  /** A fresh topic and stream for each test, so tests never see each other's records. */
  private record Flow(String topic, String stream, String connector) {
    static Flow create(int shards) {
      int n = NEXT.incrementAndGet();
      Flow flow = new Flow("sink-it-" + n, "sink-it-stream-" + n, "kinesis-sink-" + n);
      createTopic(flow.topic, PARTITIONS);
      KinesisStreams.createActive(client, flow.stream, shards);
      return flow;
    }

    /**
     * A flow whose stream is named after the topic as the RegexRouter of {@link #RENAME} names it.
     */
    static Flow renamed(int shards) {
      int n = NEXT.incrementAndGet();
      String topic = "sink-it-" + n;
      Flow flow = new Flow(topic, "renamed-" + topic, "kinesis-sink-" + n);
      createTopic(flow.topic, PARTITIONS);
      KinesisStreams.createActive(client, flow.stream, shards);
      return flow;
    }
  }

  /** A topic-renaming SMT and a stream name that follows the renamed topic. */
  private static final Map<String, String> RENAME =
      Map.of(
          "transforms", "rename",
          "transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter",
          "transforms.rename.regex", "(.*)",
          "transforms.rename.replacement", "renamed-$1",
          "kinesis.stream.name", "${topic}");

  private static void createTopic(String topic, int partitions) {
    TestProducer.createTopic(connect, topic, partitions);
  }

  private static Map<String, String> sinkConfig(Flow flow, Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("connector.class", "io.kinesisbridge.sink.KinesisSinkConnector");
    config.put("tasks.max", String.valueOf(TASKS));
    config.put("topics", flow.topic);
    config.put("kinesis.stream.name", flow.stream);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("kinesis.retry.backoff.max.ms", "1000");
    config.putAll(overrides);
    return config;
  }

  /** Produces values {@code p<partition>-<seq>} round-robin over the partitions, keyed by seq. */
  private static void produce(Flow flow, int from, int count, int valueBytes) {
    List<ProducerRecord<String, String>> records = new java.util.ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      int partition = i % PARTITIONS;
      String value = "p" + partition + "-" + String.format("%06d", i);
      if (valueBytes > value.length()) {
        value = value + "-" + "x".repeat(valueBytes - value.length() - 1);
      }
      records.add(new ProducerRecord<>(flow.topic, partition, "key-" + (i % 40), value));
    }
    TestProducer.send(connect, records);
  }

  /** Reads the stream until {@code expected} distinct values are there or the time is up. */
  private static DeaggregatedRecords awaitRecords(Flow flow, int expected, Duration timeout) {
    KinesisReader reader = new KinesisReader(client);
    Instant deadline = Instant.now().plus(timeout);
    DeaggregatedRecords records = reader.readAllDeaggregated(flow.stream);
    while (distinct(records).size() < expected && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofSeconds(2));
      records = reader.readAllDeaggregated(flow.stream);
    }
    return records;
  }

  private static Set<String> distinct(DeaggregatedRecords records) {
    Set<String> values = new TreeSet<>();
    records.userRecords().forEach(r -> values.add(r.utf8().split("-x")[0]));
    return values;
  }

  /**
   * In each shard, the first appearance of each key's records of a partition follows their offsets
   * (the default {@code kinesis.ordering=per-key}). Records sent again after a retry or a rebalance
   * may appear twice (at-least-once), but no record may appear for the first time before an older
   * record of its key.
   */
  private static void assertKeyOrderPerShard(DeaggregatedRecords records) {
    Map<String, Integer> highest = new HashMap<>();
    Set<String> seen = new java.util.HashSet<>();
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

  private static Set<String> expectedValues(int count) {
    Set<String> values = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      values.add("p" + (i % PARTITIONS) + "-" + String.format("%06d", i));
    }
    return values;
  }

  @ParameterizedTest(name = "aggregation {0}")
  @ValueSource(booleans = {false, true})
  void eightThousandRecordsOverThreePartitionsArriveCompleteAndInKeyOrder(boolean aggregate) {
    Flow flow = Flow.create(4);
    produce(flow, 0, 8_000, 0);

    connect.configureConnector(
        flow.connector,
        sinkConfig(flow, Map.of("kinesis.aggregation.enabled", String.valueOf(aggregate))));
    DeaggregatedRecords records = awaitRecords(flow, 8_000, Duration.ofMinutes(3));

    assertThat(distinct(records)).isEqualTo(expectedValues(8_000));
    assertThat(records.droppedAggregateCount()).as("aggregates the KCL would drop").isZero();
    assertKeyOrderPerShard(records);
    if (aggregate) {
      assertThat(records.aggregationRatio())
          .as("user records per Kinesis record")
          .isGreaterThan(10);
    } else {
      assertThat(records.kinesisRecordCount()).isEqualTo(records.userRecords().size());
    }
    connect.deleteConnector(flow.connector);
  }

  /**
   * Records are produced while the sink runs, and the last chunk only after the kill, so the kill
   * always lands mid-run: some records are in Kinesis, others still to come or in flight. What
   * at-least-once allows afterwards: every record there, and duplicates only of records whose
   * PutRecords call was in flight at the cut (stored, but the answer lost), so at most {@link
   * #IN_FLIGHT_CAPACITY}.
   */
  @Test
  void kinesisMockKilledAndRestartedMidRunLosesNothing() throws Exception {
    Flow flow = Flow.create(2);
    int total = 6_000;
    connect.configureConnector(flow.connector, sinkConfig(flow, BOUNDED_IN_FLIGHT));
    CountDownLatch killed = new CountDownLatch(1);
    Thread producer =
        new Thread(() -> produceUntilLastChunk(flow, total, killed), "sink-it-producer");
    producer.start();
    int atKill;
    try {
      DeaggregatedRecords before = awaitRecords(flow, 1_000, Duration.ofMinutes(2));
      assertThat(distinct(before).size())
          .as("records in Kinesis before the kill")
          .isGreaterThanOrEqualTo(1_000);
      // Cut first: from here on nothing reaches kinesis-mock, so what it holds is what the kill
      // finds. The test's own client bypasses the proxy.
      kinesis.proxy().cut();
      atKill = distinct(new KinesisReader(client).readAllDeaggregated(flow.stream)).size();
      kinesis.mock().awaitPersisted();
      kinesis.mock().kill();
    } finally {
      killed.countDown();
    }
    sleep(Duration.ofSeconds(5));
    kinesis.end();
    producer.join();
    DeaggregatedRecords records = awaitRecords(flow, total, Duration.ofMinutes(3));

    assertThat(atKill).as("records in Kinesis at the kill").isBetween(1_000, total - CHUNK);
    assertThat(distinct(records)).isEqualTo(expectedValues(total));
    assertThat(records.userRecords().size() - total)
        .as("records stored twice (at-least-once): only those in flight at the cut")
        .isBetween(0, IN_FLIGHT_CAPACITY);
    assertKeyOrderPerShard(records);
    connect.deleteConnector(flow.connector);
  }

  /**
   * Produces records {@code 0..total-1} in chunks with pauses, so the sink keeps sending while the
   * test kills kinesis-mock; the last chunk waits for {@code killed}, whatever the machine's speed.
   */
  private static void produceUntilLastChunk(Flow flow, int total, CountDownLatch killed) {
    try {
      int next = 0;
      for (; next < total - CHUNK && killed.getCount() > 0; next += CHUNK) {
        produce(flow, next, CHUNK, 0);
        Thread.sleep(100);
      }
      if (!killed.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("kinesis-mock was not killed within 5 minutes");
      }
      produce(flow, next, total - next, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aStoppedAndResumedConnectorContinuesWithoutLoss() throws Exception {
    Flow flow = Flow.create(2);
    produce(flow, 0, 3_000, 0);
    connect.configureConnector(flow.connector, sinkConfig(flow, BOUNDED_IN_FLIGHT));
    DeaggregatedRecords first = awaitRecords(flow, 3_000, Duration.ofMinutes(2));
    assertThat(distinct(first)).isEqualTo(expectedValues(3_000));

    connect.stopConnector(flow.connector);
    connect.assertions().assertConnectorIsStopped(flow.connector, "connector stops");
    produce(flow, 3_000, 3_000, 0);
    connect.resumeConnector(flow.connector);
    DeaggregatedRecords records = awaitRecords(flow, 6_000, Duration.ofMinutes(3));

    assertThat(distinct(records)).isEqualTo(expectedValues(6_000));
    // Stopping commits the acknowledged offsets; only calls still unanswered at the stop can be
    // sent again.
    assertThat(records.userRecords().size() - 6_000)
        .as("records sent twice after the stop (at-least-once)")
        .isBetween(0, IN_FLIGHT_CAPACITY);
    connect.deleteConnector(flow.connector);
  }

  @Test
  void withATopicRenamingTransformOffsetsCommitToTheEndAndARestartSendsNothingTwice()
      throws Exception {
    Flow flow = Flow.renamed(2);
    produce(flow, 0, 3_000, 0);
    Map<String, String> overrides = new HashMap<>(RENAME);
    overrides.put("kinesis.aggregation.enabled", "true");

    connect.configureConnector(flow.connector, sinkConfig(flow, overrides));
    awaitRecords(flow, 3_000, Duration.ofMinutes(2));
    Map<TopicPartition, Long> committedBeforeStop =
        SinkGroupOffsets.awaitCommittedToEnd(
            connect, flow.connector, flow.topic, PARTITIONS, Duration.ofSeconds(60));
    connect.stopConnector(flow.connector);
    connect.assertions().assertConnectorIsStopped(flow.connector, "connector stops");
    connect.resumeConnector(flow.connector);
    // Records after the restart show the resumed task runs; a replay would come before them.
    produce(flow, 3_000, 300, 0);
    DeaggregatedRecords records = awaitRecords(flow, 3_300, Duration.ofMinutes(2));
    Map<TopicPartition, Long> committedAtEnd =
        SinkGroupOffsets.awaitCommittedToEnd(
            connect, flow.connector, flow.topic, PARTITIONS, Duration.ofSeconds(60));
    LOG.info(
        "RegexRouter run: {} user records in stream {} for 3,300 produced; committed before the"
            + " stop {}, at the end {}",
        records.userRecords().size(),
        flow.stream,
        committedBeforeStop,
        committedAtEnd);

    assertThat(committedBeforeStop)
        .as("offsets of the original topic committed before the stop")
        .isEqualTo(Map.of(tp(flow, 0), 1_000L, tp(flow, 1), 1_000L, tp(flow, 2), 1_000L));
    assertThat(distinct(records)).isEqualTo(expectedValues(3_300));
    assertThat(records.userRecords()).as("user records: none sent twice").hasSize(3_300);
    assertThat(committedAtEnd)
        .isEqualTo(SinkGroupOffsets.endOffsets(connect, flow.topic, PARTITIONS));
    connect.deleteConnector(flow.connector);
  }

  private static TopicPartition tp(Flow flow, int partition) {
    return new TopicPartition(flow.topic, partition);
  }

  @Test
  void anOversizedRecordLandsInTheDeadLetterQueueAndItsNeighboursAreDelivered() throws Exception {
    Flow flow = Flow.create(1);
    String dlq = flow.topic + "-dlq";
    createTopic(dlq, 1);
    produce(flow, 0, 10, 0);
    produce(flow, 10, 1, 1_100_000);
    produce(flow, 11, 10, 0);

    connect.configureConnector(
        flow.connector,
        sinkConfig(
            flow,
            Map.of(
                "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", dlq,
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true")));
    DeaggregatedRecords records = awaitRecords(flow, 20, Duration.ofMinutes(2));

    Set<String> expected = expectedValues(21);
    expected.remove("p1-000010");
    assertThat(distinct(records)).isEqualTo(expected);
    var dead = connect.kafka().consume(1, Duration.ofSeconds(60).toMillis(), dlq);
    assertThat(dead.count()).isEqualTo(1);
    var deadRecord = dead.iterator().next();
    assertThat(new String(deadRecord.value(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("p1-000010");
    assertThat(
            new String(
                deadRecord.headers().lastHeader("__connect.errors.exception.message").value(),
                java.nio.charset.StandardCharsets.UTF_8))
        .contains("maximum record size");
    connect.deleteConnector(flow.connector);
  }

  @Test
  void theEnvelopeFormatCarriesKeyValueHeadersAndKafkaCoordinatesOfEveryRecord() {
    Flow flow = Flow.create(2);
    EnvelopeRoundTrip trip = EnvelopeRoundTrip.produce(connect, flow.topic, PARTITIONS);
    Map<String, String> overrides = new HashMap<>(EnvelopeRoundTrip.CONVERTERS);
    overrides.put("kinesis.payload.format", "envelope");

    connect.configureConnector(flow.connector, sinkConfig(flow, overrides));
    DeaggregatedRecords records =
        awaitRecords(flow, EnvelopeRoundTrip.RECORDS, Duration.ofMinutes(1));

    int duplicates =
        trip.assertEveryRecordArrivedWhole(
            records.userRecords().stream().map(KinesisUserRecord::utf8).toList());
    LOG.info("Envelope run: {} duplicates dropped by (topic, partition, offset)", duplicates);
    connect.deleteConnector(flow.connector);
  }

  @Test
  void validateSaysInPlainWordsThatTheStreamDoesNotExist() {
    Flow flow = new Flow("validate-topic", "no-such-stream", "validate-only");
    Map<String, String> config = sinkConfig(flow, Map.of("name", flow.connector));

    var result = connect.validateConnectorConfig("KinesisSinkConnector", config);

    var messages =
        result.configs().stream()
            .filter(c -> c.configValue().name().equals("kinesis.stream.name"))
            .flatMap(c -> c.configValue().errors().stream())
            .toList();
    assertThat(messages).singleElement().asString().contains("'no-such-stream' does not exist");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
