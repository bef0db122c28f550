package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisStreams;
import io.kinesisbridge.testkit.TcpProxy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

import static io.kinesisbridge.it.SourceRecordChecks.assertShardOrder;
import static io.kinesisbridge.it.SourceRecordChecks.distinctValues;
import static io.kinesisbridge.it.SourceRecordChecks.expected;
import static io.kinesisbridge.it.SourceRecordChecks.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network between the worker and Kinesis drops mid-run (every connection reset, new ones
 * refused for a few seconds): both readers recover by themselves, without a task restart, and
 * deliver every record once. For enhanced fan-out this is the resubscription from the last record
 * received, against the real emulator.
 */
class KinesisSourceOutageIT {

  private static final int BATCH = 1_500;
  private static final Duration DOWNTIME = Duration.ofSeconds(5);

  private static KinesisMock kinesis;
  private static TcpProxy proxy;
  private static EmbeddedConnectCluster connect;
  private static AwsClientFactory clients;
  private static KinesisClient client;

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.start();
    proxy = TcpProxy.start(kinesis.plainPort());
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
    if (proxy != null) {
      proxy.close();
    }
    if (kinesis != null) {
      kinesis.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"polling", "efo"})
  void aDroppedNetworkMidRunLosesNothingAndRepeatsNothing(String reader) throws Exception {
    String stream = "outage-" + reader;
    String topic = "kafka-outage-" + reader;
    String connector = "outage-source-" + reader;
    KinesisStreams.createActive(client, stream, 2);
    connect.kafka().createTopic(topic, 2);
    put(stream, 0, BATCH);
    connect.configureConnector(connector, config(stream, topic, reader));
    connect.kafka().consume(BATCH, Duration.ofMinutes(2).toMillis(), topic);

    proxy.cut();
    put(stream, BATCH, BATCH); // straight to the emulator, while the connector cannot reach it
    Thread.sleep(DOWNTIME.toMillis());
    proxy.restore();
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    connect
        .kafka()
        .consume(2 * BATCH, Duration.ofMinutes(2).toMillis(), topic)
        .forEach(records::add);
    long failedCalls = BridgeMetrics.sourceTaskGauge(connector, "failed-calls");
    long resubscribes = BridgeMetrics.sourceTaskGauge(connector, "efo-resubscribes");
    assertThat(connect.connectorStatus(connector).tasks())
        .allSatisfy(task -> assertThat(task.state()).isEqualTo("RUNNING"));
    connect.deleteConnector(connector);

    assertThat(distinctValues(records)).isEqualTo(expected(2 * BATCH));
    assertThat(records).as("records delivered twice").hasSize(2 * BATCH);
    assertShardOrder(records);
    assertThat(failedCalls).as("reads that failed during the cut").isPositive();
    if (reader.equals("efo")) {
      assertThat(resubscribes).as("subscriptions restarted after the cut").isPositive();
    }
  }

  private static Map<String, String> config(String stream, String topic, String reader) {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings(proxy.endpoint()));
    config.put("connector.class", "io.kinesisbridge.source.KinesisSourceConnector");
    config.put("tasks.max", "1");
    config.put("kinesis.stream.name", stream);
    config.put("kafka.topic", topic);
    config.put("kinesis.poll.interval.ms", "300");
    config.put("kinesis.reader", reader);
    if (reader.equals("efo")) {
      config.put("kinesis.efo.consumer.name", "outage-consumer");
    }
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    return config;
  }

  private static void put(String stream, int from, int count) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      entries.add(
          PutRecordsRequestEntry.builder()
              .partitionKey("key-" + (i % 40))
              .data(SdkBytes.fromUtf8String(value(i)))
              .build());
    }
    KinesisStreams.putAll(client, stream, entries);
  }
}
