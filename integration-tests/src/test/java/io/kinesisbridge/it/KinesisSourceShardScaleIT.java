package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One task reading a 100-shard stream, by polling and by enhanced fan-out: every record arrives,
 * the task publishes 100 per-shard gauges, and the worker's thread count does not grow with the
 * shards (a thread per shard would add 100 threads).
 */
class KinesisSourceShardScaleIT {

  private static final int SHARDS = 100;
  private static final int RECORDS = 2_000;

  /**
   * Connect's own threads for a new connector and task, and headroom. The AWS SDK's Netty event
   * loop is not counted: it has two threads per core, so counting it would make the bound depend on
   * the machine, and it does not grow with the number of shards.
   */
  private static final int MAX_NEW_THREADS = 40;

  /** Threads whose number follows the core count, not the work: not counted. */
  private static final String SDK_EVENT_LOOP = "aws-java-sdk-NettyEventLoop";

  private static KinesisMock kinesis;
  private static EmbeddedConnectCluster connect;
  private static AwsClientFactory clients;
  private static KinesisClient client;

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.builder().env(Map.of("SHARD_LIMIT", "500")).start();
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

  @ParameterizedTest
  @ValueSource(strings = {"polling", "efo"})
  void aHundredShardsOnOneTaskDoNotMeanAHundredThreads(String reader) throws Exception {
    String stream = "scale-" + reader;
    String topic = "kafka-scale-" + reader;
    String connector = "scale-source-" + reader;
    KinesisStreams.createActive(client, stream, SHARDS);
    put(stream);
    connect.kafka().createTopic(topic, 4);
    int before = countedThreads();
    AtomicInteger peak = new AtomicInteger(before);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(
        () -> peak.accumulateAndGet(countedThreads(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
    try {
      connect.configureConnector(connector, config(stream, topic, reader));
      int consumed =
          connect.kafka().consume(RECORDS, Duration.ofMinutes(3).toMillis(), topic).count();

      assertThat(consumed).isEqualTo(RECORDS);
      assertThat((int) BridgeMetrics.sourceTaskGauge(connector, "shards")).isEqualTo(SHARDS);
      assertThat(BridgeMetrics.beans("kinesis-source-shard", connector)).hasSize(SHARDS);
    } finally {
      sampler.shutdownNow();
      connect.deleteConnector(connector);
    }
    System.out.printf(
        "%s with %d shards on one task: %d threads before, peak %d%n",
        reader, SHARDS, before, peak.get());
    assertThat(peak.get() - before)
        .as("threads added while one task read %d shards by %s", SHARDS, reader)
        .isLessThan(MAX_NEW_THREADS);
  }

  /** Live threads of this JVM (it runs the embedded worker) but the SDK's event loop. */
  private static int countedThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> !thread.getName().startsWith(SDK_EVENT_LOOP))
            .count();
  }

  private static Map<String, String> config(String stream, String topic, String reader) {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("connector.class", "io.kinesisbridge.source.KinesisSourceConnector");
    config.put("tasks.max", "1");
    config.put("kinesis.stream.name", stream);
    config.put("kafka.topic", topic);
    config.put("kinesis.poll.interval.ms", "500");
    config.put("kinesis.reader", reader);
    if (reader.equals("efo")) {
      config.put("kinesis.efo.consumer.name", "scale-consumer");
    }
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    return config;
  }

  private static void put(String stream) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      entries.add(
          PutRecordsRequestEntry.builder()
              .partitionKey("key-" + i)
              .data(SdkBytes.fromUtf8String("value-" + i))
              .build());
    }
    KinesisStreams.putAll(client, stream, entries);
  }
}
