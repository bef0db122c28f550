package io.kinesisbridge.it;

import io.kinesisbridge.it.ContinuousProducer.Sent;
import io.kinesisbridge.it.DeliveryAudit.Delivered;
import io.kinesisbridge.testkit.KinesisFaultProxy;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Kinesis sink in {@link ConnectClusterIT}: keyed records from a topic of 12 partitions into a
 * stream of 4 shards, through the fault proxy that fails a share of the PutRecords entries.
 */
final class KinesisSinkFlow extends TopicSinkFlow {

  private static final int PARTITIONS = 12;
  private static final int SHARDS = 4;
  private static final int KEYS = 100;

  /**
   * About 45 records per second. kinesis-mock is single-threaded: at 130 per second on this loaded
   * 2-core machine the sink fell minutes behind, because a fifth of the entries fail and each key's
   * later records wait for the resend of its failed one.
   */
  private static final int RECORDS_PER_TICK = 5;

  private final KinesisClient client;
  private final KinesisFaultProxy faults;
  private final Map<String, String> awsSettings;
  private final String commitWaitMs;
  private final String stream;

  /**
   * Creates the topic and the stream of a flow named {@code name}; the workers reach Kinesis with
   * {@code awsSettings}, through {@code faults}.
   */
  KinesisSinkFlow(
      String name,
      EmbeddedKafkaCluster kafka,
      KinesisClient client,
      KinesisFaultProxy faults,
      Map<String, String> awsSettings,
      String commitWaitMs) {
    super(kafka, name, PARTITIONS, KEYS, RECORDS_PER_TICK);
    this.client = client;
    this.faults = faults;
    this.awsSettings = awsSettings;
    this.commitWaitMs = commitWaitMs;
    this.stream = name + "-stream";
    KinesisStreams.createActive(client, stream, SHARDS);
  }

  @Override
  public Map<String, String> config(int tasks) {
    Map<String, String> config =
        sinkConfig("io.kinesisbridge.sink.KinesisSinkConnector", tasks, awsSettings);
    config.put("kinesis.stream.name", stream);
    config.put("kinesis.commit.wait.ms", commitWaitMs);
    // Many small calls, so that many draws of the proxy's dice hit each partition.
    config.put("kinesis.batch.max.records", "100");
    config.put("kinesis.retry.backoff.ms", "50");
    config.put("kinesis.retry.backoff.max.ms", "500");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }

  @Override
  public int tasks() {
    return 6;
  }

  @Override
  public int tasksAfterChange() {
    return 4;
  }

  /** The proxy counts only the sink's PutRecords entries: the source flow puts around it. */
  @Override
  public long moved() {
    return faults.entriesForwarded();
  }

  @Override
  public long movedPerEvent() {
    return 300;
  }

  @Override
  public DeliveryAudit audit(List<Sent> sent, EventWindows windows) {
    List<Delivered> delivered =
        new KinesisReader(client)
            .withTimeout(Duration.ofMinutes(3)).readAllDeaggregated(stream).userRecords().stream()
                .map(r -> Delivered.of(r.utf8(), r.partitionKey(), r.approximateArrivalTimestamp()))
                .toList();
    return DeliveryAudit.of(sent, windows, delivered, keepsKeyOrder());
  }

  @Override
  public boolean keepsKeyOrder() {
    return true;
  }
}
