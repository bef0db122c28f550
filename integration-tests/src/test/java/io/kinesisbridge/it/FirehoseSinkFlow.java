package io.kinesisbridge.it;

import io.kinesisbridge.it.ContinuousProducer.Sent;
import io.kinesisbridge.it.DeliveryAudit.Delivered;
import io.kinesisbridge.testkit.firehose.DeliveryStreamSpec;
import io.kinesisbridge.testkit.firehose.FirehoseEndpoint;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Firehose sink in {@link ConnectClusterIT}: records from a topic of 6 partitions into a
 * delivery stream that fails a share of the records of each PutRecordBatch and delivers into S3
 * every second. Firehose keeps no order, so only losses and copies count.
 */
final class FirehoseSinkFlow implements ClusterFlow {

  private static final Logger LOG = LoggerFactory.getLogger(FirehoseSinkFlow.class);
  private static final int PARTITIONS = 6;
  private static final int KEYS = 30;

  /** About 20 records per second. */
  private static final int RECORDS_PER_TICK = 2;

  private static final Duration TICK = Duration.ofMillis(100);

  private final EmbeddedKafkaCluster kafka;
  private final FirehoseEndpoint firehose;
  private final S3Client s3;
  private final String bucket;
  private final Map<String, String> awsSettings;
  private final String commitWaitMs;
  private final String topic;
  private final String deliveryStream;
  private final String connector;
  private ContinuousProducer producer;

  private FirehoseSinkFlow(
      String name,
      EmbeddedKafkaCluster kafka,
      FirehoseEndpoint firehose,
      S3Client s3,
      String bucket,
      Map<String, String> awsSettings,
      String commitWaitMs) {
    this.kafka = kafka;
    this.firehose = firehose;
    this.s3 = s3;
    this.bucket = bucket;
    this.awsSettings = awsSettings;
    this.commitWaitMs = commitWaitMs;
    this.topic = name;
    this.deliveryStream = name + "-delivery";
    this.connector = name + "-sink";
  }

  /**
   * Creates the topic and the delivery stream (into {@code bucket}) of a flow named {@code name};
   * the workers reach Firehose with {@code awsSettings}.
   */
  static FirehoseSinkFlow create(
      String name,
      EmbeddedKafkaCluster kafka,
      FirehoseEndpoint firehose,
      S3Client s3,
      String bucket,
      Map<String, String> awsSettings,
      String commitWaitMs) {
    FirehoseSinkFlow flow =
        new FirehoseSinkFlow(name, kafka, firehose, s3, bucket, awsSettings, commitWaitMs);
    kafka.createTopic(flow.topic, PARTITIONS);
    firehose.createDeliveryStream(
        DeliveryStreamSpec.of(flow.deliveryStream, bucket)
            .withPrefix(flow.deliveryStream + "/")
            .withBuffering(5, 1));
    return flow;
  }

  @Override
  public String connector() {
    return connector;
  }

  @Override
  public Map<String, String> config(int tasks) {
    Map<String, String> config = new HashMap<>(awsSettings);
    config.put("connector.class", "io.kinesisbridge.firehose.FirehoseSinkConnector");
    config.put("tasks.max", String.valueOf(tasks));
    config.put("topics", topic);
    config.put("firehose.delivery.stream", deliveryStream);
    config.put("firehose.commit.wait.ms", commitWaitMs);
    config.put("firehose.retry.backoff.max.ms", "500");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    return config;
  }

  @Override
  public int tasks() {
    return 3;
  }

  @Override
  public int tasksAfterChange() {
    return 2;
  }

  @Override
  public void startLoad() {
    producer =
        ContinuousProducer.start(
            kafka.bootstrapServers(), topic, PARTITIONS, KEYS, RECORDS_PER_TICK, TICK);
  }

  @Override
  public long moved() {
    return firehose.stats(deliveryStream).recordsAccepted();
  }

  @Override
  public long movedPerEvent() {
    return 100;
  }

  @Override
  public List<Sent> stopLoad() {
    try (ContinuousProducer stopping = producer) {
      List<Sent> sent = stopping.stop();
      LOG.info(
          "{}: {} records written, {} sends failed", topic, sent.size(), stopping.failedCount());
      return sent;
    }
  }

  @Override
  public boolean awaitDrained(Duration timeout) {
    Map<TopicPartition, Long> ends = SinkGroupOffsets.endOffsets(kafka, topic, PARTITIONS);
    boolean drained =
        SinkGroupOffsets.awaitCommittedToEnd(kafka, connector, topic, PARTITIONS, timeout)
            .equals(ends);
    // What the endpoint accepted but still buffers goes to S3 now.
    firehose.flushAll();
    return drained;
  }

  /**
   * Every line in S3 is a copy; it arrived when its object was written (to the second, which is
   * fine grained enough to charge it to an event).
   */
  @Override
  public DeliveryAudit audit(List<Sent> sent, EventWindows windows) {
    List<Delivered> delivered =
        S3Lines.withTimes(s3, bucket, deliveryStream + "/").stream()
            .map(line -> Delivered.of(line.text(), "", line.written()))
            .toList();
    return DeliveryAudit.of(sent, windows, delivered, keepsKeyOrder());
  }

  @Override
  public boolean keepsKeyOrder() {
    return false;
  }
}
