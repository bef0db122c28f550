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
 * is never starved by a slow producer. Keys are {@code key-<n>}: one per record, or {@code keys}
 * distinct ones in turn, or with a hot key share, {@code key-0} on that share of the records
 * (picked at random with a fixed seed) and the other keys in turn on the rest. Values are random
 * printable bytes, partitions are filled round robin, so every key reaches every partition.
 */
final class TopicLoader {

  private static final int DISTINCT_PAYLOADS = 1024;

  private TopicLoader() {}

  /**
   * Produces {@code records} records to {@code topic} and waits until all are acknowledged.
   *
   * @param keys distinct keys, 0 for one per record
   * @param hotKeyShare share of records with the hot key {@code key-0} (0 for none)
   */
  static void load(
      String bootstrap,
      String topic,
      int partitions,
      long records,
      int valueBytes,
      long keys,
      double hotKeyShare) {
    byte[][] payloads = payloads(valueBytes);
    Random hot = new Random(11);
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
        byte[] key =
            ("key-" + keyIndex(i, keys, hotKeyShare, hot)).getBytes(StandardCharsets.UTF_8);
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

  private static long keyIndex(long record, long keys, double hotKeyShare, Random hot) {
    if (hotKeyShare > 0) {
      if (hot.nextDouble() < hotKeyShare) {
        return 0;
      }
      return 1 + (keys == 0 ? record : record % (keys - 1));
    }
    return keys == 0 ? record : record % keys;
  }

  /**
   * {@value #DISTINCT_PAYLOADS} random printable values of {@code valueBytes} bytes (fixed seed).
   */
  static byte[][] payloads(int valueBytes) {
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
