package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kinesisbridge.it.SourceRecordChecks.distinctValues;
import static io.kinesisbridge.it.SourceRecordChecks.expected;
import static io.kinesisbridge.it.SourceRecordChecks.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input through the real bundle: someone with PutRecord rights writes one crafted KPL
 * aggregate (magic, a protobuf whose length varint reads as -11, the correct MD5) between 100 plain
 * records of a one-shard stream. Before the decoder read lengths as unsigned, the task looped on it
 * and delivered none of the 100 while it stayed RUNNING; now all 101 arrive, the crafted one as its
 * raw bytes.
 */
class CraftedAggregateIT {

  private static final int PLAIN = 100;
  private static final int CRAFTED_AT = 50;

  private static KinesisMock kinesis;
  private static EmbeddedConnectCluster connect;
  private static AwsClientFactory clients;
  private static KinesisClient client;

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
  void theRecordsAroundACraftedAggregateAllArriveAndTheAggregateArrivesRaw() throws Exception {
    String stream = "crafted-aggregate";
    String topic = "kafka-crafted-aggregate";
    KinesisStreams.createActive(client, stream, 1);
    connect.kafka().createTopic(topic, 1);
    byte[] crafted = craftedAggregate();
    for (int i = 0; i < PLAIN; i++) {
      if (i == CRAFTED_AT) {
        put(stream, "attacker", crafted);
      }
      put(stream, "key-" + i, value(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    connect.configureConnector("crafted-aggregate-source", sourceConfig(stream, topic));
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    connect
        .kafka()
        .consume(PLAIN + 1, Duration.ofMinutes(2).toMillis(), topic)
        .forEach(records::add);

    assertThat(records).hasSize(PLAIN + 1);
    assertThat(records.get(CRAFTED_AT).value()).isEqualTo(crafted);
    List<ConsumerRecord<byte[], byte[]>> plain = new ArrayList<>(records);
    plain.remove(CRAFTED_AT);
    assertThat(distinctValues(plain)).isEqualTo(expected(PLAIN));
    assertThat(plain).noneMatch(r -> Arrays.equals(r.value(), crafted));
  }

  private static void put(String stream, String partitionKey, byte[] data) {
    client.putRecord(
        b -> b.streamName(stream).partitionKey(partitionKey).data(SdkBytes.fromByteArray(data)));
  }

  private static Map<String, String> sourceConfig(String stream, String topic) {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("connector.class", "io.kinesisbridge.source.KinesisSourceConnector");
    config.put("tasks.max", "1");
    config.put("kinesis.stream.name", stream);
    config.put("kafka.topic", topic);
    config.put("kinesis.poll.interval.ms", "300");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    return config;
  }

  /**
   * Magic, AggregatedRecord {partition_key_table: "k"; records: {0, "x"}; field 4 with length -11
   * as a ten-byte varint}, MD5 of that protobuf.
   */
  private static byte[] craftedAggregate() throws Exception {
    ByteArrayOutputStream protobuf = new ByteArrayOutputStream();
    protobuf.writeBytes(new byte[] {0x0A, 1, 'k', 0x1A, 5, 0x08, 0, 0x1A, 1, 'x', 0x22});
    long length = -11L;
    for (int i = 0; i < 9; i++) {
      protobuf.write((int) (length & 0x7F) | 0x80);
      length >>>= 7;
    }
    protobuf.write((int) length);
    byte[] message = protobuf.toByteArray();
    ByteArrayOutputStream aggregate = new ByteArrayOutputStream();
    aggregate.writeBytes(new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2});
    aggregate.writeBytes(message);
    aggregate.writeBytes(MessageDigest.getInstance("MD5").digest(message));
    return aggregate.toByteArray();
  }
}
