package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisStreams;
import io.kinesisbridge.testkit.KinesisUserRecord;
import io.kinesisbridge.testkit.cloudwatch.CloudWatchStub;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis sink's autoscaler on the real bundle against kinesis-mock: a provisioned stream of
 * one shard gets a burst of writes well above its capacity, measured by the sink's own counters,
 * and is scaled out to two shards; once the producer stops it is scaled back in. Meanwhile every
 * record arrives exactly once and in per-key order, and the bundle's source connector, reading the
 * same stream, follows both reshards and copies every record into Kafka. Windows are seconds here
 * (minutes in production) so the test stays short.
 */
class KinesisAutoscaleIT {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisAutoscaleIT.class);

  private static final String TOPIC = "autoscale-in";
  private static final String COPY_TOPIC = "autoscale-copy";
  private static final String STREAM = "autoscale-stream";
  private static final String STREAM_FOR_LIMITS = "autoscale-limits";
  private static final String SINK = "autoscale-sink";
  private static final String SOURCE = "autoscale-source";
  private static final int PARTITIONS = 4;
  private static final int KEYS = 200;
  private static final int RECORD_BYTES = 2_000;

  /** 16 MB: seconds of writing for the sink even on a fast machine, the scale-out's window. */
  private static final int MAX_RECORDS = 8_000;

  private static KinesisMock kinesis;
  private static AwsClientFactory clients;
  private static KinesisClient client;
  private static EmbeddedConnectCluster connect;

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

  @Test
  void aBurstScalesTheStreamOutAndBackInWhileEveryRecordArrivesOnceAndInKeyOrder()
      throws Exception {
    KinesisStreams.createActive(client, STREAM, 1);
    TestProducer.createTopic(connect, TOPIC, PARTITIONS);
    TestProducer.createTopic(connect, COPY_TOPIC, 1);
    connect.configureConnector(SOURCE, sourceConfig());
    connect.configureConnector(SINK, sinkConfig());

    Instant start = Instant.now();
    List<String> timeline = new ArrayList<>();
    AtomicInteger produced = new AtomicInteger();
    AtomicBoolean producing = new AtomicBoolean(true);
    Thread producer = new Thread(() -> produceUntilStopped(producing, produced), "burst");
    producer.start();
    int peak = awaitOpenShards(STREAM, 2, start, timeline, Duration.ofMinutes(2));
    producing.set(false);
    producer.join(30_000);
    int records = produced.get();
    int settled = awaitOpenShards(STREAM, 1, start, timeline, Duration.ofMinutes(2));

    List<KinesisUserRecord> stream = awaitDistinct(records, Duration.ofMinutes(2));
    List<String> copied = copiedValues(records);
    connect.deleteConnector(SINK);
    connect.deleteConnector(SOURCE);
    LOG.info("Autoscale timeline ({} records produced): {}", records, String.join("; ", timeline));

    assertThat(peak).as("open shards during the burst").isEqualTo(2);
    assertThat(settled).as("open shards after the burst").isEqualTo(1);
    List<String> values = stream.stream().map(r -> sequence(r.utf8())).toList();
    assertThat(new HashSet<>(values)).as("distinct records in the stream").hasSize(records);
    assertThat(values).as("records in the stream, each once").hasSize(records);
    assertKeyOrder(stream);
    assertThat(new HashSet<>(copied))
        .as("records the source copied into Kafka")
        .isEqualTo(new HashSet<>(values));
  }

  /**
   * Measured by CloudWatch (the testkit stub serving GetMetricData): while the stream's
   * IncomingBytes say 90 % of one shard it is scaled out, once they say nothing back in. No record
   * needs to flow: CloudWatch counts every writer, the sink's own included.
   */
  @Test
  void measuredByCloudWatchTheStreamFollowsTheIncomingBytesItReports() throws Exception {
    String stream = "autoscale-cw-stream";
    String connector = "autoscale-cw-sink";
    KinesisStreams.createActive(client, stream, 1);
    TestProducer.createTopic(connect, "autoscale-cw-in", 1);
    AtomicBoolean busy = new AtomicBoolean(true);
    try (CloudWatchStub cloudWatch = CloudWatchStub.start()) {
      // Sums per minute, as CloudWatch reports them: 90 % of 1 MiB/s for 60 s.
      cloudWatch.serve("IncomingBytes", () -> busy.get() ? 0.9 * 1_048_576 * 60 : 0);
      cloudWatch.serve("IncomingRecords", () -> busy.get() ? 60_000 : 0);
      Map<String, String> config = sinkConfig();
      config.put("topics", "autoscale-cw-in");
      config.put("kinesis.stream.name", stream);
      config.put("kinesis.autoscale.scale.out.utilization", "0.8");
      config.put("kinesis.autoscale.scale.in.utilization", "0.3");
      config.put("kinesis.autoscale.load.source", "cloudwatch");
      config.put("metrics.cloudwatch.endpoint.url", cloudWatch.endpoint().toString());
      connect.configureConnector(connector, config);

      Instant start = Instant.now();
      List<String> timeline = new ArrayList<>();
      int busyShards = awaitOpenShards(stream, 2, start, timeline, Duration.ofMinutes(2));
      busy.set(false);
      int idleShards = awaitOpenShards(stream, 1, start, timeline, Duration.ofMinutes(2));
      connect.deleteConnector(connector);
      LOG.info(
          "Autoscale by CloudWatch timeline ({} GetMetricData calls): {}",
          cloudWatch.metricReads(),
          String.join("; ", timeline));

      assertThat(cloudWatch.rejected()).as("requests the stub could not read").isEmpty();
      assertThat(busyShards).as("open shards while CloudWatch reports 90 %").isEqualTo(2);
      assertThat(idleShards).as("open shards once it reports nothing").isEqualTo(1);
    }
  }

  @Test
  void validateSaysInPlainWordsWhenTheStreamIsOnDemandOrTheMaximumPassesTheAccountLimit() {
    String onDemand = "autoscale-on-demand";
    client.createStream(
        b -> b.streamName(onDemand).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
    KinesisStreams.awaitActive(client, onDemand);
    Map<String, String> config = sinkConfig();
    config.put("kinesis.stream.name", onDemand);

    assertThat(validationErrors(config, "kinesis.autoscale.enabled"))
        .singleElement()
        .asString()
        .contains("'autoscale-on-demand' is in on-demand mode");

    int limit = client.describeLimits(b -> {}).shardLimit();
    config.put("kinesis.stream.name", STREAM_FOR_LIMITS);
    config.put("kinesis.autoscale.max.shards", String.valueOf(limit + 1));
    KinesisStreams.createActive(client, STREAM_FOR_LIMITS, 1);

    assertThat(validationErrors(config, "kinesis.autoscale.max.shards"))
        .singleElement()
        .asString()
        .contains("above this account's shard limit in the region (" + limit + ")");
  }

  private static List<String> validationErrors(Map<String, String> config, String key) {
    return connect.validateConnectorConfig("KinesisSinkConnector", config).configs().stream()
        .filter(c -> c.configValue().name().equals(key))
        .flatMap(c -> c.configValue().errors().stream())
        .toList();
  }

  private static Map<String, String> sinkConfig() {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("connector.class", "io.kinesisbridge.sink.KinesisSinkConnector");
    config.put("tasks.max", "1");
    config.put("topics", TOPIC);
    config.put("kinesis.stream.name", STREAM);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("kinesis.shard.map.refresh.interval.ms", "1000");
    config.put("kinesis.autoscale.enabled", "true");
    config.put("kinesis.autoscale.min.shards", "1");
    config.put("kinesis.autoscale.max.shards", "2");
    config.put("kinesis.autoscale.check.interval.ms", "1000");
    config.put("kinesis.autoscale.scale.out.utilization", "0.1");
    config.put("kinesis.autoscale.scale.in.utilization", "0.02");
    config.put("kinesis.autoscale.scale.out.after.ms", "2000");
    config.put("kinesis.autoscale.scale.in.after.ms", "3000");
    config.put("kinesis.autoscale.cooldown.ms", "3000");
    config.put("kinesis.autoscale.load.source", "sink-counters");
    return config;
  }

  private static Map<String, String> sourceConfig() {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("connector.class", "io.kinesisbridge.source.KinesisSourceConnector");
    config.put("tasks.max", "1");
    config.put("kinesis.stream.name", STREAM);
    config.put("kafka.topic", COPY_TOPIC);
    config.put("kinesis.poll.interval.ms", "200");
    config.put("kinesis.shard.discovery.interval.ms", "1000");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    return config;
  }

  /**
   * Records of 8 KB as fast as the test producer goes: a few hundred a second are already more than
   * one shard's 1 MiB/s.
   */
  private static void produceUntilStopped(AtomicBoolean producing, AtomicInteger produced) {
    String padding = "-" + "x".repeat(RECORD_BYTES);
    while (producing.get() && produced.get() < MAX_RECORDS) {
      int from = produced.get();
      List<ProducerRecord<String, String>> batch = new ArrayList<>(100);
      for (int i = from; i < from + 100; i++) {
        batch.add(
            new ProducerRecord<>(TOPIC, i % PARTITIONS, "key-" + (i % KEYS), "v-" + i + padding));
      }
      TestProducer.send(connect, batch);
      produced.addAndGet(batch.size());
    }
  }

  private static int awaitOpenShards(
      String stream, int wanted, Instant start, List<String> timeline, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    int open = openShards(stream);
    int last = -1;
    while (open != wanted && Instant.now().isBefore(deadline)) {
      if (open != last) {
        timeline.add(String.format("%ds: %d open", elapsed(start), open));
        last = open;
      }
      sleep(500);
      open = openShards(stream);
    }
    timeline.add(String.format("%ds: %d open", elapsed(start), open));
    return open;
  }

  private static long elapsed(Instant start) {
    return Duration.between(start, Instant.now()).toSeconds();
  }

  private static int openShards(String stream) {
    return KinesisStreams.openShards(client, stream).size();
  }

  private static List<KinesisUserRecord> awaitDistinct(int expected, Duration timeout) {
    KinesisReader reader = new KinesisReader(client);
    Instant deadline = Instant.now().plus(timeout);
    List<KinesisUserRecord> records = reader.readAllDeaggregated(STREAM).userRecords();
    while (distinct(records) < expected && Instant.now().isBefore(deadline)) {
      sleep(1_000);
      records = reader.readAllDeaggregated(STREAM).userRecords();
    }
    return records;
  }

  private static int distinct(List<KinesisUserRecord> records) {
    Set<String> values = new HashSet<>();
    records.forEach(r -> values.add(sequence(r.utf8())));
    return values.size();
  }

  private static List<String> copiedValues(int expected) {
    List<String> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        connect.kafka().consume(expected, Duration.ofMinutes(2).toMillis(), COPY_TOPIC)) {
      values.add(sequence(new String(record.value(), StandardCharsets.UTF_8)));
    }
    return values;
  }

  /**
   * Read shard by shard in ListShards order (parents before children, as a consumer reads them),
   * each key's records appear in the order they were produced (values count up per key).
   */
  private static void assertKeyOrder(List<KinesisUserRecord> records) {
    Map<String, Integer> highest = new HashMap<>();
    for (KinesisUserRecord record : records) {
      int seq = Integer.parseInt(sequence(record.utf8()).substring(2));
      Integer previous = highest.put(record.partitionKey(), seq);
      assertThat(previous == null || previous < seq)
          .as("key %s: %s after %s", record.partitionKey(), seq, previous)
          .isTrue();
    }
  }

  /** "v-<n>" of a value "v-<n>-xxx...". */
  private static String sequence(String value) {
    int end = value.indexOf('-', 2);
    return end < 0 ? value : value.substring(0, end);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
