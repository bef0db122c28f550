package io.kinesisbridge.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Fills the benchmark topic before any connector runs, so runs measure draining a backlog: the sink
 * is never starved by a slow producer. Keys are {@code key-<n>} (distinct, so they spread over all
 * shards), values are random printable bytes, partitions are filled round robin.
 */
final class TopicLoader {

  private static final int DISTINCT_PAYLOADS = 1024;

  private TopicLoader() {}

  /** Produces {@code records} records to {@code topic} and waits until all are acknowledged. */
  static void load(String bootstrap, String topic, int partitions, long records, int valueBytes) {
    byte[][] payloads = payloads(valueBytes);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "1",
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            512 * 1024,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            false);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      Future<?> last = null;
      for (long i = 0; i < records; i++) {
        byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
        int partition = (int) (i % partitions);
        last =
            producer.send(
                new ProducerRecord<>(
                    topic, partition, key, payloads[(int) (i % DISTINCT_PAYLOADS)]));
      }
      producer.flush();
      if (last != null) {
        last.get(); // surfaces a send failure that flush() leaves in the future
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading " + topic, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not load " + topic + ": " + e.getCause(), e);
    }
  }

  private static byte[][] payloads(int valueBytes) {
    Random random = new Random(7);
    byte[][] payloads = new byte[DISTINCT_PAYLOADS][valueBytes];
    for (byte[] payload : payloads) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] = (byte) (' ' + random.nextInt(95));
      }
    }
    return payloads;
  }
}
