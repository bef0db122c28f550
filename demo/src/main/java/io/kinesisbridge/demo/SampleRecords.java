package io.kinesisbridge.demo;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/** Produces sample JSON events to a topic and counts what can be read back. */
final class SampleRecords {

  private SampleRecords() {}

  /**
   * Creates the topic with {@code partitions} partitions, as an operator would before producing.
   */
  static void createTopic(String bootstrapServers, String topic, int partitions) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
  }

  /** Produces {@code count} records keyed {@code device-N} and waits for every acknowledgement. */
  static void produce(String bootstrapServers, String topic, int count) throws Exception {
    produce(bootstrapServers, topic, count, 16);
  }

  /** As {@link #produce(String, String, int)}, over {@code devices} keys. */
  static void produce(String bootstrapServers, String topic, int count, int devices)
      throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      Future<RecordMetadata> last = null;
      for (int i = 0; i < count; i++) {
        String key = "device-" + (i % devices);
        String value =
            "{\"device\":\"" + key + "\",\"seq\":" + i + ",\"temperature\":" + (18 + i % 9) + "}";
        last = producer.send(new ProducerRecord<>(topic, key, value));
      }
      producer.flush();
      if (last != null) {
        last.get();
      }
    }
  }

  /** Reads the topic from the start until {@code expected} records or the timeout; the count. */
  static int countFromStart(String bootstrapServers, String topic, int expected, Duration timeout) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "kinesis-bridge-demo-check-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    int seen = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(timeout);
      while (seen < expected && Instant.now().isBefore(deadline)) {
        seen += consumer.poll(Duration.ofMillis(500)).count();
      }
    }
    return seen;
  }
}
