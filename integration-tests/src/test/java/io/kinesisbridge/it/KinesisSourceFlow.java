package io.kinesisbridge.it;

import io.kinesisbridge.it.ContinuousProducer.Sent;
import io.kinesisbridge.it.DeliveryAudit.Delivered;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.kinesisbridge.it.SourceRecordChecks.header;
import static io.kinesisbridge.it.SourceRecordChecks.text;

/**
 * The Kinesis source in {@link ConnectClusterIT}, exactly once: a stream of 8 shards, one of which
 * is split during the run, copied into a topic of 4 partitions by tasks that read through the same
 * network and fault proxy as the Kinesis sink (which throttles a share of the GetRecords calls).
 * Records are put straight into kinesis-mock, past the fault proxy and the network cut, as a
 * producing application would. The topic stamps each record with the time the broker appended it,
 * which is when it arrived.
 */
final class KinesisSourceFlow implements ClusterFlow {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisSourceFlow.class);
  private static final int SHARDS = 8;
  private static final int PARTITIONS = 4;

  /** Enough keys that both children of the split shard receive some. */
  private static final int KEYS = 80;

  /** 4 records every 200 ms plus the time of the call: about 13 records per second here. */
  private static final int RECORDS_PER_TICK = 4;

  private static final Duration TICK = Duration.ofMillis(200);

  private final EmbeddedKafkaCluster kafka;
  private final KinesisClient client;
  private final Map<String, String> awsSettings;
  private final String stream;
  private final String topic;
  private final String connector;
  private final Set<String> originalShards;
  private ContinuousKinesisPutter putter;
  private KafkaConsumer<byte[], byte[]> progress;
  private long committedSoFar;
  private Set<String> expectedValues = Set.of();
  private List<ConsumerRecord<byte[], byte[]>> committed = List.of();

  private KinesisSourceFlow(
      String name,
      EmbeddedKafkaCluster kafka,
      KinesisClient client,
      Map<String, String> awsSettings,
      Set<String> originalShards) {
    this.kafka = kafka;
    this.client = client;
    this.awsSettings = awsSettings;
    this.stream = name + "-stream";
    this.topic = name;
    this.connector = name + "-source";
    this.originalShards = originalShards;
  }

  /**
   * Creates the stream and the topic of a flow named {@code name}; {@code client} puts records
   * straight into kinesis-mock, the workers read it with {@code awsSettings}.
   */
  static KinesisSourceFlow create(
      String name,
      EmbeddedKafkaCluster kafka,
      KinesisClient client,
      Map<String, String> awsSettings) {
    String stream = name + "-stream";
    KinesisStreams.createActive(client, stream, SHARDS);
    kafka.createTopic(name, PARTITIONS, 1, Map.of("message.timestamp.type", "LogAppendTime"));
    Set<String> shards =
        KinesisStreams.listShards(client, stream).stream()
            .map(Shard::shardId)
            .collect(Collectors.toSet());
    return new KinesisSourceFlow(name, kafka, client, awsSettings, shards);
  }

  @Override
  public String connector() {
    return connector;
  }

  @Override
  public Map<String, String> config(int tasks) {
    Map<String, String> config = new HashMap<>(awsSettings);
    config.put("connector.class", "io.kinesisbridge.source.KinesisSourceConnector");
    config.put("tasks.max", String.valueOf(tasks));
    config.put("kinesis.stream.name", stream);
    config.put("kafka.topic", topic);
    config.put("exactly.once.support", "required");
    config.put("kinesis.poll.interval.ms", "500");
    // The split's children are found within seconds, not the default 30.
    config.put("kinesis.shard.discovery.interval.ms", "5000");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    return config;
  }

  @Override
  public int tasks() {
    return 4;
  }

  @Override
  public int tasksAfterChange() {
    return 2;
  }

  @Override
  public void startLoad() {
    putter = ContinuousKinesisPutter.start(client, stream, KEYS, RECORDS_PER_TICK, TICK);
  }

  /**
   * Committed records read so far by a read_committed consumer kept open for the purpose: end
   * offsets would also count transaction markers and the records of the transactions that zombie
   * fencing aborts at every rebalance.
   */
  @Override
  public long moved() {
    if (progress == null) {
      progress =
          kafka.createConsumer(
              Map.of(
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
      progress.assign(
          IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList());
    }
    committedSoFar += progress.poll(Duration.ofMillis(200)).count();
    return committedSoFar;
  }

  @Override
  public long movedPerEvent() {
    return 60;
  }

  @Override
  public List<Sent> stopLoad() {
    if (progress != null) {
      progress.close();
      progress = null;
    }
    List<Sent> sent = putter.stop();
    LOG.info("{}: {} records put, {} failed", stream, sent.size(), putter.failedCount());
    expectedValues = sent.stream().map(Sent::value).collect(Collectors.toSet());
    return sent;
  }

  @Override
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Set<String> seen = new HashSet<>();
      CommittedRecords.readAll(kafka, topic).forEach(r -> seen.add(text(r.value())));
      if (seen.containsAll(expectedValues)) {
        return true;
      }
      Thread.sleep(2_000);
    }
    return false;
  }

  /**
   * Splits the stream's first open shard in the middle of its hash key range, while records keep
   * coming, and waits until the stream is ACTIVE again.
   */
  void splitOneShard() {
    Shard shard = KinesisStreams.openShards(client, stream).get(0);
    KinesisStreams.splitInHalf(client, stream, shard);
    LOG.info("Split {} of {}", shard.shardId(), stream);
  }

  /**
   * Reads every committed record of the topic; each copy is identified by its shard and sequence
   * number, so that a record put twice is not taken for a copy made by the connector.
   */
  @Override
  public DeliveryAudit audit(List<Sent> sent, EventWindows windows) {
    committed = CommittedRecords.readAll(kafka, topic);
    List<Delivered> delivered =
        committed.stream()
            .map(
                r ->
                    new Delivered(
                        text(r.value()),
                        text(r.key()),
                        Instant.ofEpochMilli(r.timestamp()),
                        header(r, "kinesis.shard.id") + "/" + header(r, "kinesis.sequence.number")))
            .toList();
    return DeliveryAudit.of(sent, windows, delivered, keepsKeyOrder());
  }

  /** The records {@link #audit} read, partition by partition in offset order. */
  List<ConsumerRecord<byte[], byte[]>> committedRecords() {
    return committed;
  }

  /** The shards the stream was created with; the split's children are not among them. */
  Set<String> originalShards() {
    return originalShards;
  }

  @Override
  public boolean keepsKeyOrder() {
    return true;
  }
}
