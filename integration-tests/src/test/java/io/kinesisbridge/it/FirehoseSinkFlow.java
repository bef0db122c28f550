package io.kinesisbridge.it;

import io.kinesisbridge.it.ContinuousProducer.Sent;
import io.kinesisbridge.it.DeliveryAudit.Delivered;
import io.kinesisbridge.testkit.firehose.DeliveryStreamSpec;
import io.kinesisbridge.testkit.firehose.FirehoseEndpoint;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Firehose sink in {@link ConnectClusterIT}: records from a topic of 6 partitions into a
 * delivery stream that fails a share of the records of each PutRecordBatch and delivers into S3
 * every second. Firehose keeps no order, so only losses and copies count.
 */
final class FirehoseSinkFlow extends TopicSinkFlow {

  private static final int PARTITIONS = 6;
  private static final int KEYS = 30;

  /** About 20 records per second. */
  private static final int RECORDS_PER_TICK = 2;

  private final FirehoseEndpoint firehose;
  private final S3Client s3;
  private final String bucket;
  private final Map<String, String> awsSettings;
  private final String commitWaitMs;
  private final String deliveryStream;

  /**
   * Creates the topic and the delivery stream (into {@code bucket}) of a flow named {@code name};
   * the workers reach Firehose with {@code awsSettings}.
   */
  FirehoseSinkFlow(
      String name,
      EmbeddedKafkaCluster kafka,
      FirehoseEndpoint firehose,
      S3Client s3,
      String bucket,
      Map<String, String> awsSettings,
      String commitWaitMs) {
    super(kafka, name, PARTITIONS, KEYS, RECORDS_PER_TICK);
    this.firehose = firehose;
    this.s3 = s3;
    this.bucket = bucket;
    this.awsSettings = awsSettings;
    this.commitWaitMs = commitWaitMs;
    this.deliveryStream = name + "-delivery";
    firehose.createDeliveryStream(
        DeliveryStreamSpec.of(deliveryStream, bucket)
            .withPrefix(deliveryStream + "/")
            .withBuffering(5, 1));
  }

  @Override
  public Map<String, String> config(int tasks) {
    Map<String, String> config =
        sinkConfig("io.kinesisbridge.firehose.FirehoseSinkConnector", tasks, awsSettings);
    config.put("firehose.delivery.stream", deliveryStream);
    config.put("firehose.commit.wait.ms", commitWaitMs);
    config.put("firehose.retry.backoff.max.ms", "500");
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
  public long moved() {
    return firehose.stats(deliveryStream).recordsAccepted();
  }

  @Override
  public long movedPerEvent() {
    return 100;
  }

  /** Then what the endpoint accepted but still buffers goes to S3. */
  @Override
  public boolean awaitDrained(Duration timeout) {
    boolean drained = super.awaitDrained(timeout);
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
