package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisStreams;
import io.kinesisbridge.testkit.cloudwatch.CloudWatchStub;
import io.kinesisbridge.testkit.cloudwatch.ReceivedDatum;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis sink from the real bundle with {@code metrics.cloudwatch.enabled=true}, publishing to
 * the CloudWatch stub: the datums carry the namespace, the dimensions and the values the tasks'
 * gauges have, and a CloudWatch that fails every call leaves the records flowing.
 */
class CloudWatchMetricsIT {

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final int RECORDS = 600;
  private static final String NAMESPACE = "KinesisBridge/IT";

  private static KinesisMock kinesis;
  private static CloudWatchStub cloudWatch;
  private static EmbeddedConnectCluster connect;
  private static AwsClientFactory clients;
  private static KinesisClient client;

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.start();
    cloudWatch = CloudWatchStub.start();
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
    if (cloudWatch != null) {
      cloudWatch.close();
    }
    if (kinesis != null) {
      kinesis.close();
    }
  }

  @Test
  void theSinksAcknowledgedRecordsReachCloudWatchWithTheNamespaceAndDimensions() {
    Flow flow = startSink(cloudWatch.endpoint().toString());
    produce(flow, 0);
    awaitInStream(flow, RECORDS);

    // Each task publishes its running total: once every record is acknowledged, the latest datum
    // of each task equals that task's JMX gauge (more than RECORDS in all if a rebalance made a
    // task send some records again: at-least-once).
    assertThat(
            await(
                () ->
                    acknowledged(flow) >= RECORDS
                        && acknowledgedByTask(flow).equals(jmxAcknowledgedByTask(flow))))
        .as(
            "records-acknowledged-total in CloudWatch %s and over JMX %s",
            acknowledgedByTask(flow), jmxAcknowledgedByTask(flow))
        .isTrue();
    assertThat(acknowledgedByTask(flow)).containsOnlyKeys("0", "1");
    assertThat(cloudWatch.rejected()).isEmpty();
    List<ReceivedDatum> datums = datumsOf(flow);
    assertThat(datums).allSatisfy(d -> assertThat(d.namespace()).isEqualTo(NAMESPACE));
    assertThat(datums)
        .allSatisfy(d -> assertThat(d.dimensions().keySet()).containsOnly("Connector", "Task"));
    assertThat(datums)
        .filteredOn(d -> d.metricName().equals("records-acknowledged-total"))
        .allSatisfy(d -> assertThat(d.unit()).isEqualTo("Count"));
    assertThat(datums)
        .filteredOn(d -> d.metricName().equals("buffered-bytes"))
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.unit()).isEqualTo("Bytes"));
    connect.deleteConnector(flow.connector);
  }

  @Test
  void theSourcesRecordsReachCloudWatchPerTaskAndPerStreamWithoutShardDimensions() {
    int n = NEXT.incrementAndGet();
    String stream = "cloudwatch-it-source-" + n;
    String connector = "cloudwatch-source-" + n;
    KinesisStreams.createActive(client, stream, 2);
    connect.kafka().createTopic("kafka-" + stream, 2);
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      entries.add(
          PutRecordsRequestEntry.builder()
              .partitionKey("key-" + i)
              .data(SdkBytes.fromUtf8String("value-" + i))
              .build());
    }
    KinesisStreams.putAll(client, stream, entries);
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("connector.class", "io.kinesisbridge.source.KinesisSourceConnector");
    config.put("tasks.max", "1");
    config.put("kinesis.stream.name", stream);
    config.put("kafka.topic", "kafka-${stream}");
    config.put("kinesis.poll.interval.ms", "300");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.putAll(cloudWatchSettings(cloudWatch.endpoint().toString()));
    connect.configureConnector(connector, config);

    // The task total has dimensions Connector and Task; the two shards are summed per stream.
    assertThat(await(() -> latest(connector, "records-delivered", Map.of()) >= RECORDS))
        .as("task records-delivered in CloudWatch")
        .isTrue();
    assertThat(
            await(
                () -> latest(connector, "records-delivered", Map.of("Stream", stream)) >= RECORDS))
        .as("per-stream records-delivered in CloudWatch")
        .isTrue();
    // Both come in the same publication: the two shards summed equal the task's total.
    assertThat(latest(connector, "records-delivered", Map.of("Stream", stream)))
        .isEqualTo(latest(connector, "records-delivered", Map.of()));
    assertThat(cloudWatch.datums())
        .filteredOn(d -> connector.equals(d.dimensions().get("Connector")))
        .allSatisfy(d -> assertThat(d.dimensions()).doesNotContainKey("Shard"));
    connect.deleteConnector(connector);
  }

  /**
   * The latest value of {@code metric} of {@code connector} whose dimensions beyond Connector and
   * Task are exactly {@code extra}; -1 when none arrived yet.
   */
  private static double latest(String connector, String metric, Map<String, String> extra) {
    double value = -1;
    for (ReceivedDatum datum : cloudWatch.datums()) {
      Map<String, String> dimensions = new HashMap<>(datum.dimensions());
      if (metric.equals(datum.metricName())
          && connector.equals(dimensions.remove("Connector"))
          && dimensions.remove("Task") != null
          && dimensions.equals(extra)) {
        value = datum.value();
      }
    }
    return value;
  }

  @Test
  void aCloudWatchAnsweringErrorsLeavesTheRecordsFlowing() throws InterruptedException {
    try (CloudWatchStub failing = CloudWatchStub.start()) {
      failing.failWithStatus(500);
      Flow flow = startSink(failing.endpoint().toString());
      produce(flow, 0);
      awaitInStream(flow, RECORDS);

      assertThat(await(() -> failing.requests() > 0)).as("the publisher tried").isTrue();
      produce(flow, RECORDS);
      awaitInStream(flow, 2 * RECORDS);

      assertThat(failing.datums()).isEmpty();
      connect
          .assertions()
          .assertConnectorAndExactlyNumTasksAreRunning(flow.connector, 2, "sink keeps running");
      connect.deleteConnector(flow.connector);
    }
  }

  @Test
  void anUnreachableCloudWatchLeavesTheRecordsFlowing() throws InterruptedException {
    CloudWatchStub gone = CloudWatchStub.start();
    String endpoint = gone.endpoint().toString();
    gone.close(); // nothing listens on its port any more: every call is refused
    Flow flow = startSink(endpoint);
    produce(flow, 0);
    awaitInStream(flow, RECORDS);

    // A refused call leaves no trace to wait for: give the 10 s publisher time to fail once.
    Thread.sleep(12_000);
    produce(flow, RECORDS);
    awaitInStream(flow, 2 * RECORDS);

    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(flow.connector, 2, "sink keeps running");
    connect.deleteConnector(flow.connector);
  }

  /** A fresh topic, stream and connector for each test. */
  private record Flow(String topic, String stream, String connector) {}

  /** Creates the topic and stream and a 2-task sink publishing to CloudWatch every 10 s. */
  private static Flow startSink(String cloudWatchEndpoint) {
    int n = NEXT.incrementAndGet();
    Flow flow = new Flow("cloudwatch-it-" + n, "cloudwatch-it-stream-" + n, "cloudwatch-sink-" + n);
    TestProducer.createTopic(connect, flow.topic, 2);
    KinesisStreams.createActive(client, flow.stream, 2);
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("connector.class", "io.kinesisbridge.sink.KinesisSinkConnector");
    config.put("tasks.max", "2");
    config.put("topics", flow.topic);
    config.put("kinesis.stream.name", flow.stream);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.putAll(cloudWatchSettings(cloudWatchEndpoint));
    connect.configureConnector(flow.connector, config);
    return flow;
  }

  /** CloudWatch metrics on, every 10 s (the shortest interval allowed), to {@code endpoint}. */
  private static Map<String, String> cloudWatchSettings(String endpoint) {
    return Map.of(
        "metrics.cloudwatch.enabled",
        "true",
        "metrics.cloudwatch.namespace",
        NAMESPACE,
        "metrics.cloudwatch.interval.ms",
        "10000",
        "metrics.cloudwatch.endpoint.url",
        endpoint);
  }

  /** Produces {@link #RECORDS} records over both partitions, numbered from {@code from}. */
  private static void produce(Flow flow, int from) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = from; i < from + RECORDS; i++) {
      records.add(new ProducerRecord<>(flow.topic, i % 2, "key-" + i, "value-" + i));
    }
    TestProducer.send(connect, records);
  }

  private static void awaitInStream(Flow flow, int expected) {
    KinesisReader reader = new KinesisReader(client);
    assertThat(
            await(() -> reader.readAllDeaggregated(flow.stream).userRecords().size() >= expected))
        .as("%s records in the stream", expected)
        .isTrue();
  }

  private static List<ReceivedDatum> datumsOf(Flow flow) {
    return cloudWatch.datums().stream()
        .filter(d -> flow.connector.equals(d.dimensions().get("Connector")))
        .toList();
  }

  private static double acknowledged(Flow flow) {
    return acknowledgedByTask(flow).values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** The latest records-acknowledged-total of each task of the flow's connector. */
  private static Map<String, Double> acknowledgedByTask(Flow flow) {
    Map<String, Double> latest = new HashMap<>();
    datumsOf(flow).stream()
        .filter(d -> d.metricName().equals("records-acknowledged-total"))
        .forEach(d -> latest.put(d.dimensions().get("Task"), d.value()));
    return latest;
  }

  /** The records-acknowledged-total JMX gauge of each task of the flow's connector. */
  private static Map<String, Double> jmxAcknowledgedByTask(Flow flow) {
    try {
      MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
      Map<String, Double> values = new HashMap<>();
      for (ObjectName name : BridgeMetrics.beans("kinesis-sink-task", flow.connector)) {
        Number value = (Number) jmx.getAttribute(name, "records-acknowledged-total");
        values.put(ObjectName.unquote(name.getKeyProperty("task")), value.doubleValue());
      }
      return values;
    } catch (JMException e) {
      throw new IllegalStateException("could not read the sink's JMX gauges", e);
    }
  }

  /** Polls {@code condition} for up to a minute (publications come every 10 s). */
  private static boolean await(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
