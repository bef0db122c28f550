package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisStreams;
import io.kinesisbridge.testkit.KinesisUserRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a restart of the Kinesis sink's tasks costs in records sent twice, while a producer writes
 * throughout: Connect commits offsets just before it stops a task (or revokes its partitions), and
 * the new task resumes from them, so every record acknowledged after that commit is sent again. The
 * same run with {@code kinesis.commit.wait.ms=0} (commit only what is acknowledged) and with the
 * default (the commit first waits for what was taken) shows what the wait saves.
 */
class SinkRestartDuplicatesIT {

  private static final Logger LOG = LoggerFactory.getLogger(SinkRestartDuplicatesIT.class);

  private static final int PARTITIONS = 4;
  private static final int ROUNDS = 8;
  private static final int PER_ROUND = 600;
  private static final int RECORDS = ROUNDS * PER_ROUND;
  private static final int RESTARTS = 3;

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
  void waitingAtCommitForWhatWasTakenResendsFewerRecordsOnRestartAndLosesNone() throws Exception {
    int withoutWait = duplicatesOverRestarts("nowait", "0");
    int withWait = duplicatesOverRestarts("wait", "2000");

    LOG.info(
        "Records sent twice over {} task restarts of {} records: {} with"
            + " kinesis.commit.wait.ms=0, {} with 2000",
        RESTARTS,
        RECORDS,
        withoutWait,
        withWait);
    assertThat(withoutWait)
        .as("without the wait, restarts under load re-send records (else this run shows nothing)")
        .isPositive();
    assertThat(withWait).as("records sent twice with the wait").isLessThan(withoutWait);
  }

  /** Runs one flow with the given commit wait; returns how many records arrived more than once. */
  private int duplicatesOverRestarts(String name, String commitWaitMs) throws Exception {
    String topic = "restart-" + name;
    String stream = "restart-stream-" + name;
    String connector = "restart-sink-" + name;
    TestProducer.createTopic(connect, topic, PARTITIONS);
    KinesisStreams.createActive(client, stream, 2);
    connect.configureConnector(connector, sinkConfig(topic, stream, commitWaitMs));

    // A producer writing throughout; a restart after every other round once records flow.
    for (int round = 0; round < ROUNDS; round++) {
      produce(topic, round * PER_ROUND, PER_ROUND);
      Thread.sleep(700);
      if (round % 2 == 1 && round / 2 < RESTARTS) {
        connect.restartConnectorAndTasks(connector, false, true, false);
      }
    }
    List<String> values = awaitDistinct(stream, RECORDS, Duration.ofMinutes(2));
    connect.deleteConnector(connector);

    Set<String> distinct = new HashSet<>(values);
    assertThat(distinct).as("distinct records of %s", name).hasSize(RECORDS);
    return values.size() - distinct.size();
  }

  private static Map<String, String> sinkConfig(String topic, String stream, String commitWait) {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("connector.class", "io.kinesisbridge.sink.KinesisSinkConnector");
    config.put("tasks.max", "2");
    config.put("topics", topic);
    config.put("kinesis.stream.name", stream);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("kinesis.commit.wait.ms", commitWait);
    return config;
  }

  private static void produce(String topic, int from, int count) {
    List<ProducerRecord<String, String>> records = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      records.add(new ProducerRecord<>(topic, i % PARTITIONS, "key-" + (i % 100), "v-" + i));
    }
    TestProducer.send(connect, records);
  }

  private static List<String> awaitDistinct(String stream, int expected, Duration timeout)
      throws InterruptedException {
    KinesisReader reader = new KinesisReader(client);
    Instant deadline = Instant.now().plus(timeout);
    List<String> values = read(reader, stream);
    while (new HashSet<>(values).size() < expected && Instant.now().isBefore(deadline)) {
      Thread.sleep(1_000);
      values = read(reader, stream);
    }
    return values;
  }

  private static List<String> read(KinesisReader reader, String stream) {
    return reader.readAllDeaggregated(stream).userRecords().stream()
        .map(KinesisUserRecord::utf8)
        .toList();
  }
}
