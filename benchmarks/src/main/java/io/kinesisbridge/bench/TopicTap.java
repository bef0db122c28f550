package io.kinesisbridge.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Reads the connector's topic from the start on its own thread and keeps, per record index, whether
 * it has arrived. Indices below {@code preloaded} are the throughput phase's: for them it notes the
 * first and last arrival. The others are the lag phase's: for each it records consume wall time
 * minus the send time stamped in the data, unless the record was sent before the warm-up ended.
 */
final class TopicTap implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final long preloaded;
  private final BitSet seenPreloaded = new BitSet();
  private final BitSet seenLive = new BitSet();
  private final LatencyRecorder lagMillis = new LatencyRecorder();
  private final LatencyRecorder readLagMillis = new LatencyRecorder();
  private final Thread thread;
  private long receivedPreloaded;
  private long receivedLive;
  private long duplicates;
  private long firstPreloadedNanos = -1;
  private long lastPreloadedNanos = -1;
  private volatile long measureSentAfterMillis = Long.MAX_VALUE;
  private volatile RuntimeException failure;

  TopicTap(String bootstrapServers, String topic, int partitions, long preloaded) {
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> all =
        IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
    consumer.assign(all); // no group: no rebalance delays, every partition from its start
    consumer.seekToBeginning(all);
    this.preloaded = preloaded;
    this.thread = new Thread(this::loop, "source-lag-consumer");
  }

  void start() {
    thread.start();
  }

  /** From now on, records sent at or after {@code millis} count towards the lag figures. */
  void measureLagOfRecordsSentFrom(long millis) {
    measureSentAfterMillis = millis;
  }

  private void loop() {
    try {
      while (true) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        // One wall time per poll: every record of the batch became visible to us at this moment.
        long nowMillis = System.currentTimeMillis();
        long nowNanos = System.nanoTime();
        synchronized (this) {
          for (ConsumerRecord<byte[], byte[]> record : records) {
            take(record.value(), record.timestamp(), nowMillis, nowNanos);
          }
        }
      }
    } catch (WakeupException closing) {
      // close() woke the consumer
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  private void take(byte[] data, long arrivalMillis, long nowMillis, long nowNanos) {
    long index = StampedRecords.indexOf(data);
    if (index < preloaded) {
      if (!mark(seenPreloaded, index)) {
        return;
      }
      receivedPreloaded++;
      if (firstPreloadedNanos < 0) {
        firstPreloadedNanos = nowNanos;
      }
      lastPreloadedNanos = nowNanos;
      return;
    }
    if (!mark(seenLive, index - preloaded)) {
      return;
    }
    receivedLive++;
    long sent = StampedRecords.sentMillisOf(data);
    if (sent >= measureSentAfterMillis) {
      lagMillis.add(nowMillis - sent);
      // The source stamps each Kafka record with Kinesis's approximate arrival time: the part of
      // the lag after the record was in the stream (read, convert, produce, consume).
      readLagMillis.add(nowMillis - arrivalMillis);
    }
  }

  /** Marks {@code bit}; false (and a duplicate counted) when it was already set. */
  private boolean mark(BitSet seen, long bit) {
    int i = Math.toIntExact(bit);
    if (seen.get(i)) {
      duplicates++;
      return false;
    }
    seen.set(i);
    return true;
  }

  synchronized long receivedPreloaded() {
    return receivedPreloaded;
  }

  synchronized long receivedLive() {
    return receivedLive;
  }

  synchronized long duplicates() {
    return duplicates;
  }

  synchronized long firstPreloadedNanos() {
    return firstPreloadedNanos;
  }

  synchronized long lastPreloadedNanos() {
    return lastPreloadedNanos;
  }

  LatencyRecorder lagMillis() {
    return lagMillis;
  }

  /** Lag from the record's Kinesis arrival time (its Kafka timestamp) to the consumer. */
  LatencyRecorder readLagMillis() {
    return readLagMillis;
  }

  /** Why the consumer stopped, or null while it runs. */
  RuntimeException failure() {
    return failure;
  }

  @Override
  public void close() {
    if (thread.getState() == Thread.State.NEW) {
      consumer.close(); // never started: the loop that would close it never ran
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the loop still closes the consumer on its way out
    }
  }
}
