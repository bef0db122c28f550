package io.kinesisbridge.it;

import io.kinesisbridge.it.ContinuousProducer.Sent;
import io.kinesisbridge.testkit.KinesisStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread that puts keyed records into a Kinesis stream at a steady rate until stopped, for tests
 * that disturb a source connector while records keep coming, and remembers every record Kinesis
 * acknowledged.
 *
 * <p>Values are {@code k<key>-<sequence>} ({@code k07-0000042}), the sequence counting that key's
 * records, partition keys {@code key-<key>}. A call holds at most one record per key and calls
 * follow one another, so a resent entry can never overtake a later record of its key: each key's
 * records are in the stream in sequence order.
 */
final class ContinuousKinesisPutter {

  private static final Logger LOG = LoggerFactory.getLogger(ContinuousKinesisPutter.class);

  private final KinesisClient client;
  private final String stream;
  private final int keys;
  private final int perTick;
  private final Duration tick;
  private final long[] nextSequence;
  private final ConcurrentLinkedQueue<Sent> acknowledged = new ConcurrentLinkedQueue<>();
  private final AtomicLong failed = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;
  private long handedOver;

  private ContinuousKinesisPutter(
      KinesisClient client, String stream, int keys, int perTick, Duration tick) {
    if (perTick > keys) {
      throw new IllegalArgumentException("at most one record per key and call: " + perTick);
    }
    this.client = client;
    this.stream = stream;
    this.keys = keys;
    this.perTick = perTick;
    this.tick = tick;
    this.nextSequence = new long[keys];
    this.thread = new Thread(this::run, "continuous-putter-" + stream);
    thread.setDaemon(true);
  }

  /** Starts putting {@code perTick} records every {@code tick}, keys cycling over {@code keys}. */
  static ContinuousKinesisPutter start(
      KinesisClient client, String stream, int keys, int perTick, Duration tick) {
    ContinuousKinesisPutter putter =
        new ContinuousKinesisPutter(client, stream, keys, perTick, tick);
    putter.thread.start();
    return putter;
  }

  /** Records of calls that failed (they may or may not be in the stream; none is expected). */
  long failedCount() {
    return failed.get();
  }

  /** Stops putting, waits for the call under way, and returns every acknowledged record. */
  List<Sent> stop() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(60).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted stopping the putter", e);
    }
    return new ArrayList<>(acknowledged);
  }

  private void run() {
    try {
      while (running) {
        putOneCall();
        Thread.sleep(tick.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void putOneCall() {
    List<Sent> call = new ArrayList<>(perTick);
    List<PutRecordsRequestEntry> entries = new ArrayList<>(perTick);
    Instant at = Instant.now();
    for (int i = 0; i < perTick; i++) {
      int key = (int) (handedOver++ % keys);
      String keyText = String.format("key-%02d", key);
      String value = String.format("k%02d-%07d", key, nextSequence[key]++);
      call.add(new Sent(keyText, value, at));
      entries.add(
          PutRecordsRequestEntry.builder()
              .partitionKey(keyText)
              .data(SdkBytes.fromUtf8String(value))
              .build());
    }
    try {
      KinesisStreams.putAll(client, stream, entries);
      acknowledged.addAll(call);
    } catch (RuntimeException e) {
      failed.addAndGet(call.size());
      LOG.warn("Putting {} records into {} failed: {}", call.size(), stream, e.toString());
    }
  }
}
