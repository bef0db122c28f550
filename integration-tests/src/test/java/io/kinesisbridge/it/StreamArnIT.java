package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.kinesisbridge.it.SourceRecordChecks.header;
import static io.kinesisbridge.it.SourceRecordChecks.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Streams given only by ARN, in another account than the connectors' credentials: the sink writes
 * and the source reads (polling and enhanced fan-out) a stream that kinesis-mock keeps in account
 * 111111111111, while the connectors sign as its default account 000000000000. kinesis-mock, like
 * Kinesis, finds such a stream only by StreamARN (by name it answers ResourceNotFound), so the
 * records arrive only if every call carries the ARN. The region comes from the ARN alone.
 */
class StreamArnIT {

  /** kinesis-mock puts a request in the account its access key id names, when it is 12 digits. */
  private static final String OWNER_ACCOUNT = "111111111111";

  private static final String STREAM = "arn-it-orders";
  private static final String STREAM_ARN =
      "arn:aws:kinesis:us-east-1:" + OWNER_ACCOUNT + ":stream/" + STREAM;
  private static final String TOPIC_IN = "arn-it-in";
  private static final int RECORDS = 1_000;

  private static KinesisMock kinesis;
  private static EmbeddedConnectCluster connect;
  private static AwsClientFactory ownerClients;
  private static KinesisClient owner;
  private static AwsClientFactory callerClients;
  private static KinesisClient caller;

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.start();
    Map<String, String> ownerSettings = new HashMap<>(kinesis.awsSettings());
    ownerSettings.put("aws.access.key.id", OWNER_ACCOUNT);
    ownerClients = AwsClientFactory.create(AwsSettings.from(ownerSettings));
    owner = ownerClients.kinesis();
    callerClients = AwsClientFactory.create(AwsSettings.from(kinesis.awsSettings()));
    caller = callerClients.kinesis();
    connect = SharedConnectCluster.acquire();
    KinesisStreams.createActive(owner, STREAM, 2);
    TestProducer.createTopic(connect, TOPIC_IN, 2);
    List<ProducerRecord<String, String>> records = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      records.add(new ProducerRecord<>(TOPIC_IN, i % 2, "key-" + (i % 20), value(i)));
    }
    TestProducer.send(connect, records);
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      SharedConnectCluster.release();
    }
    for (AutoCloseable resource :
        new AutoCloseable[] {caller, callerClients, owner, ownerClients}) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception ignored) {
        // closing test clients; the emulator goes next
      }
    }
    if (kinesis != null) {
      kinesis.close();
    }
  }

  private static String value(int i) {
    return String.format("arn-%05d", i);
  }

  /** The connectors' AWS settings: the caller's account, and no region (the ARN names it). */
  private static Map<String, String> callerSettings() {
    Map<String, String> settings = new HashMap<>(kinesis.awsSettings());
    settings.remove("aws.region");
    return settings;
  }

  @Test
  void theSinkWritesAndTheSourceReadsAStreamOfAnotherAccountGivenOnlyByArn() {
    assertThatThrownBy(() -> caller.describeStreamSummary(b -> b.streamName(STREAM)))
        .as("by name the caller's account has no such stream")
        .isInstanceOf(ResourceNotFoundException.class);

    Map<String, String> sink = callerSettings();
    sink.put("connector.class", "io.kinesisbridge.sink.KinesisSinkConnector");
    sink.put("tasks.max", "2");
    sink.put("topics", TOPIC_IN);
    sink.put("kinesis.stream.arn", STREAM_ARN);
    sink.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    sink.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    connect.configureConnector("arn-sink", sink);

    List<ConsumerRecord<byte[], byte[]>> polled =
        readBack("arn-polling", "arn-it-polled", Map.of("kinesis.stream.arn", STREAM_ARN));
    List<ConsumerRecord<byte[], byte[]>> pushed =
        readBack(
            "arn-efo",
            "arn-it-pushed",
            Map.of(
                "kinesis.stream.name", STREAM_ARN,
                "kinesis.reader", "efo",
                "kinesis.efo.consumer.name", "arn-efo-consumer"));

    assertThat(values(polled)).isEqualTo(expected());
    assertThat(values(pushed)).isEqualTo(expected());
    assertThat(header(polled.get(0), "kinesis.stream"))
        .as("headers and offsets keep the stream's name")
        .isEqualTo(STREAM);
    assertThat(header(pushed.get(0), "kinesis.stream")).isEqualTo(STREAM);
    assertThat(owner.listStreamConsumers(b -> b.streamARN(STREAM_ARN)).consumers())
        .extracting(c -> c.consumerName())
        .containsExactly("arn-efo-consumer");
    connect.deleteConnector("arn-sink");
  }

  /** Runs a source with {@code settings} into {@code topic} until every record is there. */
  private static List<ConsumerRecord<byte[], byte[]>> readBack(
      String name, String topic, Map<String, String> settings) {
    connect.kafka().createTopic(topic, 2);
    Map<String, String> source = callerSettings();
    source.put("connector.class", "io.kinesisbridge.source.KinesisSourceConnector");
    source.put("tasks.max", "2");
    source.put("kafka.topic", topic);
    source.put("kinesis.poll.interval.ms", "300");
    source.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    source.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    source.putAll(settings);
    connect.configureConnector(name, source);
    // The sink is at-least-once (a rebalance between its two tasks may resend a batch) and the
    // source copies what the stream holds: wait for every value, not for a count of records.
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    while (values(records).size() < RECORDS && Instant.now().isBefore(deadline)) {
      records = readToEnd(topic);
    }
    connect.deleteConnector(name);
    return records;
  }

  private static List<ConsumerRecord<byte[], byte[]>> readToEnd(String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try {
      Thread.sleep(500);
      connect.kafka().consumeAll(Duration.ofMinutes(1).toMillis(), topic).forEach(records::add);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted reading " + topic, e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("could not read " + topic + " to its end", e);
    }
    return records;
  }

  private static Set<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    Set<String> values = new TreeSet<>();
    records.forEach(r -> values.add(text(r.value())));
    return values;
  }

  private static Set<String> expected() {
    Set<String> values = new TreeSet<>();
    for (int i = 0; i < RECORDS; i++) {
      values.add(value(i));
    }
    return values;
  }
}
