package io.kinesisbridge.it;

import io.kinesisbridge.testkit.S3Server;
import io.kinesisbridge.testkit.firehose.DeliveryStreamSpec;
import io.kinesisbridge.testkit.firehose.FirehoseEndpoint;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Firehose sink from the real bundle in a real worker, against the Firehose test endpoint (a
 * protocol-level fixture, see {@link FirehoseEndpoint}) delivering into a real S3 server.
 */
class FirehoseSinkIT {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(FirehoseSinkIT.class);
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final String BUCKET = "firehose-it";
  private static final int PARTITIONS = 3;

  private static S3Server s3;
  private static S3Client s3Client;
  private static FirehoseEndpoint firehose;
  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void start() {
    s3 = S3Server.start();
    s3Client = s3.client();
    s3Client.createBucket(b -> b.bucket(BUCKET));
    firehose = FirehoseEndpoint.builder().s3(s3Client).seed(42).start();
    connect = SharedConnectCluster.acquire();
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      SharedConnectCluster.release();
    }
    if (firehose != null) {
      firehose.close();
    }
    if (s3Client != null) {
      s3Client.close();
      s3.close();
    }
  }

  private record Flow(String topic, String stream, String connector) {
    static Flow create() {
      int n = NEXT.incrementAndGet();
      Flow flow = new Flow("firehose-it-" + n, "delivery-" + n, "firehose-sink-" + n);
      TestProducer.createTopic(connect, flow.topic, PARTITIONS);
      // A one-second buffer interval so objects land while the test waits.
      firehose.createDeliveryStream(
          DeliveryStreamSpec.of(flow.stream, BUCKET)
              .withPrefix(flow.stream + "/")
              .withBuffering(5, 1));
      return flow;
    }

    /** A flow whose delivery stream is named after the topic as {@link #RENAME} renames it. */
    static Flow renamed() {
      int n = NEXT.incrementAndGet();
      String topic = "firehose-it-" + n;
      Flow flow = new Flow(topic, "renamed-" + topic, "firehose-sink-" + n);
      TestProducer.createTopic(connect, flow.topic, PARTITIONS);
      firehose.createDeliveryStream(
          DeliveryStreamSpec.of(flow.stream, BUCKET)
              .withPrefix(flow.stream + "/")
              .withBuffering(5, 1));
      return flow;
    }
  }

  /** A topic-renaming SMT and a delivery stream name that follows the renamed topic. */
  private static final Map<String, String> RENAME =
      Map.of(
          "transforms", "rename",
          "transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter",
          "transforms.rename.regex", "(.*)",
          "transforms.rename.replacement", "renamed-$1",
          "firehose.delivery.stream", "${topic}");

  private static Map<String, String> sinkConfig(Flow flow, Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>(firehose.awsSettings());
    config.put("connector.class", "io.kinesisbridge.firehose.FirehoseSinkConnector");
    config.put("tasks.max", "2");
    config.put("topics", flow.topic);
    config.put("firehose.delivery.stream", flow.stream);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.put("firehose.retry.backoff.max.ms", "1000");
    config.putAll(overrides);
    return config;
  }

  /** Values {@code r<seq>-<padding>} of about {@code size} bytes. */
  private static void produce(Flow flow, int from, int count, int size) {
    List<ProducerRecord<String, String>> records = new java.util.ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      String head = "r" + String.format("%06d", i) + "-";
      String value = head + "x".repeat(Math.max(0, size - head.length()));
      records.add(new ProducerRecord<>(flow.topic, "k" + i, value));
    }
    TestProducer.send(connect, records);
  }

  /** Every line of every object the stream delivered to S3, read from S3 itself. */
  private static List<String> linesInS3(Flow flow) {
    return S3Lines.under(s3Client, BUCKET, flow.stream + "/");
  }

  private static Set<String> ids(List<String> lines) {
    Set<String> ids = new TreeSet<>();
    lines.forEach(line -> ids.add(line.substring(0, line.indexOf('-'))));
    return ids;
  }

  private static List<String> awaitLines(Flow flow, int expectedIds, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<String> lines = linesInS3(flow);
    while (ids(lines).size() < expectedIds && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofSeconds(2));
      firehose.flushAll();
      lines = linesInS3(flow);
    }
    return lines;
  }

  private static Set<String> expectedIds(int from, int count) {
    Set<String> ids = new TreeSet<>();
    for (int i = from; i < from + count; i++) {
      ids.add("r" + String.format("%06d", i));
    }
    return ids;
  }

  @Test
  void fiftyThousandRecordsReachS3EveryOnePresentAndPackingCutsFirehoseRecordsFortyfold() {
    Flow unpacked = Flow.create();
    Flow packed = Flow.create();

    // Records go in once both tasks own their partitions: a task joining later would take
    // partitions from the first in the middle of its sends, which at-least-once may resend.
    connect.configureConnector(
        unpacked.connector, sinkConfig(unpacked, Map.of("firehose.aggregation.enabled", "false")));
    SinkGroups.awaitStable(connect, unpacked.connector, 2);
    produce(unpacked, 0, 50_000, 100);
    List<String> plainLines = awaitLines(unpacked, 50_000, Duration.ofMinutes(4));
    connect.configureConnector(
        packed.connector, sinkConfig(packed, Map.of("firehose.aggregation.enabled", "true")));
    SinkGroups.awaitStable(connect, packed.connector, 2);
    produce(packed, 0, 50_000, 100);
    List<String> packedLines = awaitLines(packed, 50_000, Duration.ofMinutes(4));

    assertThat(ids(plainLines)).isEqualTo(expectedIds(0, 50_000));
    assertThat(ids(packedLines)).isEqualTo(expectedIds(0, 50_000));
    assertThat(plainLines).as("no failures injected: no duplicates").hasSize(50_000);
    assertThat(packedLines).hasSize(50_000);
    long plainRecords = firehose.stats(unpacked.stream).snapshot().recordsAccepted();
    long packedRecords = firehose.stats(packed.stream).snapshot().recordsAccepted();
    assertThat(plainRecords).isEqualTo(50_000);
    assertThat(plainRecords)
        .as("Firehose records without vs with packing")
        .isGreaterThanOrEqualTo(40 * packedRecords);
    connect.deleteConnector(unpacked.connector);
    connect.deleteConnector(packed.connector);
  }

  @Test
  void thirtyPercentFailedEntriesAndThrottledCallsLoseNothing() {
    Flow flow = Flow.create();
    produce(flow, 0, 10_000, 100);
    firehose.faults().failedEntryShare(0.3).throttledCallShare(0.2);
    try {
      connect.configureConnector(flow.connector, sinkConfig(flow, Map.of()));
      List<String> lines = awaitLines(flow, 10_000, Duration.ofMinutes(4));

      assertThat(ids(lines)).isEqualTo(expectedIds(0, 10_000));
      var stats = firehose.stats(flow.stream).snapshot();
      assertThat(stats.recordsFailed()).as("entries failed by injection").isPositive();
      assertThat(stats.throttledCalls()).as("calls throttled by injection").isPositive();
      LOG.info(
          "Under injected faults: {} entries failed, {} calls throttled, {} duplicate lines in S3",
          stats.recordsFailed(),
          stats.throttledCalls(),
          lines.size() - 10_000);
    } finally {
      firehose.faults().reset();
      connect.deleteConnector(flow.connector);
    }
  }

  @Test
  void withATopicRenamingTransformOffsetsCommitToTheEndAndARestartSendsNothingTwice()
      throws Exception {
    Flow flow = Flow.renamed();
    produce(flow, 0, 2_000, 100);

    connect.configureConnector(flow.connector, sinkConfig(flow, RENAME));
    awaitLines(flow, 2_000, Duration.ofMinutes(2));
    Map<TopicPartition, Long> committedBeforeStop =
        SinkGroupOffsets.awaitCommittedToEnd(
            connect, flow.connector, flow.topic, PARTITIONS, Duration.ofSeconds(60));
    Map<TopicPartition, Long> endBeforeStop =
        SinkGroupOffsets.endOffsets(connect, flow.topic, PARTITIONS);
    connect.stopConnector(flow.connector);
    connect.assertions().assertConnectorIsStopped(flow.connector, "connector stops");
    connect.resumeConnector(flow.connector);
    produce(flow, 2_000, 200, 100);
    List<String> lines = awaitLines(flow, 2_200, Duration.ofMinutes(2));
    LOG.info(
        "RegexRouter run: {} lines in S3 for 2,200 produced; committed before the stop {}",
        lines.size(),
        committedBeforeStop);

    assertThat(committedBeforeStop)
        .as("offsets of the original topic committed before the stop")
        .isEqualTo(endBeforeStop);
    assertThat(ids(lines)).isEqualTo(expectedIds(0, 2_200));
    assertThat(lines).as("lines in S3: none sent twice").hasSize(2_200);
    assertThat(
            SinkGroupOffsets.awaitCommittedToEnd(
                connect, flow.connector, flow.topic, PARTITIONS, Duration.ofSeconds(60)))
        .isEqualTo(SinkGroupOffsets.endOffsets(connect, flow.topic, PARTITIONS));
    connect.deleteConnector(flow.connector);
  }

  @Test
  void anOversizedRecordGoesToTheDeadLetterQueueAndItsNeighboursArrive() throws Exception {
    Flow flow = Flow.create();
    String dlq = flow.topic + "-dlq";
    TestProducer.createTopic(connect, dlq, 1);
    produce(flow, 0, 50, 100);
    produce(flow, 50, 1, 1_100_000);
    produce(flow, 51, 50, 100);

    connect.configureConnector(
        flow.connector,
        sinkConfig(
            flow,
            Map.of(
                "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", dlq,
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true")));
    List<String> lines = awaitLines(flow, 100, Duration.ofMinutes(2));

    Set<String> expected = expectedIds(0, 101);
    expected.remove("r000050");
    assertThat(ids(lines)).isEqualTo(expected);
    var dead = connect.kafka().consume(1, Duration.ofSeconds(60).toMillis(), dlq);
    var record = dead.iterator().next();
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).startsWith("r000050-");
    assertThat(
            new String(
                record.headers().lastHeader("__connect.errors.exception.message").value(),
                StandardCharsets.UTF_8))
        .contains("1,024,000");
    connect.deleteConnector(flow.connector);
  }

  @Test
  void theEnvelopeFormatCarriesKeyValueHeadersAndKafkaCoordinatesOfEveryRecord() {
    Flow flow = Flow.create();
    EnvelopeRoundTrip trip = EnvelopeRoundTrip.produce(connect, flow.topic, PARTITIONS);
    Map<String, String> overrides = new HashMap<>(EnvelopeRoundTrip.CONVERTERS);
    overrides.put("firehose.format", "envelope");
    overrides.put("firehose.aggregation.enabled", "true");

    connect.configureConnector(flow.connector, sinkConfig(flow, overrides));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    List<String> lines = linesInS3(flow);
    while (lines.size() < EnvelopeRoundTrip.RECORDS && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofSeconds(1));
      firehose.flushAll();
      lines = linesInS3(flow);
    }

    int duplicates = trip.assertEveryRecordArrivedWhole(lines);
    LOG.info("Envelope run: {} duplicates dropped by (topic, partition, offset)", duplicates);
    connect.deleteConnector(flow.connector);
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
