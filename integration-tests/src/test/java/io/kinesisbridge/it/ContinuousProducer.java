package io.kinesisbridge.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A producer thread that writes keyed records at a steady rate until stopped, for tests that
 * disturb a connector while records keep coming, and remembers every record the broker
 * acknowledged.
 *
 * <p>Key {@code key-<k>} always goes to partition {@code k % partitions}, so a key's records are in
 * one partition, in offset order. Each value names its partition and its sequence number there
 * ({@code p03-0000042}): a record's first appearance downstream can be checked against the order of
 * its key. One request in flight and no idempotence (see {@link TestProducer}) keep that order
 * through retries.
 */
final class ContinuousProducer implements AutoCloseable {

  /** A record the broker acknowledged, and when it was handed to the producer. */
  record Sent(String key, String value, Instant at) {}

  private final String topic;
  private final int partitions;
  private final int keys;
  private final int perTick;
  private final Duration tick;
  private final KafkaProducer<String, String> producer;
  private final ConcurrentLinkedQueue<Sent> acknowledged = new ConcurrentLinkedQueue<>();
  private final AtomicLong failed = new AtomicLong();
  private final long[] nextSequence;
  private final Thread thread;
  private volatile boolean running = true;
  private long handedOver;

  private ContinuousProducer(
      String bootstrapServers, String topic, int partitions, int keys, int perTick, Duration tick) {
    this.topic = topic;
    this.partitions = partitions;
    this.keys = keys;
    this.perTick = perTick;
    this.tick = tick;
    this.nextSequence = new long[partitions];
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                1,
                ProducerConfig.LINGER_MS_CONFIG,
                20));
    this.thread = new Thread(this::run, "continuous-producer-" + topic);
    thread.setDaemon(true);
  }

  /**
   * Starts writing {@code perTick} records every {@code tick} to {@code topic}, keys cycling over
   * {@code keys} keys.
   */
  static ContinuousProducer start(
      String bootstrapServers, String topic, int partitions, int keys, int perTick, Duration tick) {
    ContinuousProducer producer =
        new ContinuousProducer(bootstrapServers, topic, partitions, keys, perTick, tick);
    producer.thread.start();
    return producer;
  }

  /** Sends that failed (the record may or may not be in the topic; it is not expected). */
  long failedCount() {
    return failed.get();
  }

  /**
   * Stops writing, waits for the acknowledgements of what was sent, and returns every acknowledged
   * record.
   */
  List<Sent> stop() {
    stopThread();
    producer.flush();
    return new ArrayList<>(acknowledged);
  }

  @Override
  public void close() {
    stopThread();
    producer.close(Duration.ofSeconds(10));
  }

  private void stopThread() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted stopping the producer", e);
    }
  }

  private void run() {
    try {
      while (running) {
        for (int i = 0; i < perTick; i++) {
          send();
        }
        Thread.sleep(tick.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send() {
    int key = (int) (handedOver++ % keys);
    int partition = key % partitions;
    String keyText = String.format("key-%03d", key);
    String value = String.format("p%02d-%07d", partition, nextSequence[partition]++);
    Instant at = Instant.now();
    producer.send(
        new ProducerRecord<>(topic, partition, keyText, value),
        (metadata, error) -> {
          if (error == null) {
            acknowledged.add(new Sent(keyText, value, at));
          } else {
            failed.incrementAndGet();
          }
        });
  }
}
