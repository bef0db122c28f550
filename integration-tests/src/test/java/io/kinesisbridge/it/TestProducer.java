package io.kinesisbridge.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/** Writes test records into the embedded cluster and fails the test if any is not written. */
final class TestProducer {

  /** Larger than the 1 MiB records of Kinesis and Firehose, for the oversized-record tests. */
  static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  private TestProducer() {}

  /**
   * Sends {@code records} and waits for every acknowledgement. Idempotence is off: on a freshly
   * created topic of the embedded broker a leader change can leave an idempotent producer stuck
   * retrying OUT_OF_ORDER_SEQUENCE_NUMBER; one request in flight keeps the order instead.
   */
  static void send(EmbeddedConnectCluster connect, List<ProducerRecord<String, String>> records) {
    send(connect.kafka().bootstrapServers(), records);
  }

  /** As {@link #send(EmbeddedConnectCluster, List)}, to the brokers at {@code bootstrapServers}. */
  static void send(String bootstrapServers, List<ProducerRecord<String, String>> records) {
    sendWith(bootstrapServers, records, StringSerializer.class);
  }

  /**
   * Sends records of raw bytes (keys, values and headers as given) and answers where each landed,
   * in the order of {@code records}.
   */
  static List<RecordMetadata> sendBytes(
      EmbeddedConnectCluster connect, List<ProducerRecord<byte[], byte[]>> records) {
    return sendWith(connect.kafka().bootstrapServers(), records, ByteArraySerializer.class);
  }

  private static <T> List<RecordMetadata> sendWith(
      String bootstrapServers,
      List<ProducerRecord<T, T>> records,
      Class<? extends Serializer<T>> serializer) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            serializer,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            serializer,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            MAX_MESSAGE_BYTES,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            false,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
            1,
            ProducerConfig.LINGER_MS_CONFIG,
            20);
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    List<RecordMetadata> landed = new ArrayList<>(records.size());
    try (KafkaProducer<T, T> producer = new KafkaProducer<>(config)) {
      records.forEach(record -> sent.add(producer.send(record)));
      producer.flush();
      for (Future<RecordMetadata> result : sent) {
        landed.add(result.get());
      }
    } catch (Exception e) {
      throw new AssertionError("could not produce the test records", e);
    }
    return landed;
  }

  /** Creates a topic whose messages may be as large as {@link #MAX_MESSAGE_BYTES}. */
  static void createTopic(EmbeddedConnectCluster connect, String topic, int partitions) {
    connect
        .kafka()
        .createTopic(
            topic, partitions, 1, Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES)));
  }
}
