package io.kinesisbridge.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes records to a Kafka topic at a steady rate for a fixed time, on its own thread: every few
 * milliseconds it sends the records that have come due since the start, so a slow send is caught up
 * and the average rate holds. Keys {@code key-0} .. {@code key-<keys-1>} in turn; values are random
 * printable bytes ({@link TopicLoader#payloads(int)}).
 */
final class SteadyTopicProducer implements Runnable, AutoCloseable {

  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final int rate;
  private final Duration duration;
  private final int keys;
  private final byte[][] payloads;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  SteadyTopicProducer(
      String bootstrap, String topic, int rate, Duration duration, int keys, int valueBytes) {
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    this.topic = topic;
    this.rate = rate;
    this.duration = duration;
    this.keys = keys;
    this.payloads = TopicLoader.payloads(valueBytes);
  }

  @Override
  public void run() {
    long total = rate * duration.toSeconds();
    long start = System.nanoTime();
    try {
      while (sent.get() < total && failure.get() == null) {
        long elapsed = System.nanoTime() - start;
        long due = Math.min(total, elapsed * rate / TimeUnit.SECONDS.toNanos(1));
        while (sent.get() < due) {
          send(sent.getAndIncrement());
        }
        TimeUnit.NANOSECONDS.sleep(TICK_NANOS);
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private void send(long index) {
    byte[] key = ("key-" + index % keys).getBytes(StandardCharsets.UTF_8);
    byte[] value = payloads[(int) (index % payloads.length)];
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          } else {
            acknowledged.incrementAndGet();
          }
        });
  }

  /** Records handed to the Kafka producer so far. */
  long sent() {
    return sent.get();
  }

  /** Records the broker acknowledged so far. */
  long acknowledged() {
    return acknowledged.get();
  }

  /** Why the producer stopped early, or null. */
  Exception failure() {
    return failure.get();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
