package io.kinesisbridge.bench;

import io.kinesisbridge.testkit.KinesisStreams;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts records at a steady rate for a fixed time, on its own thread. Each PutRecords call carries
 * the records that have come due since the last one, stamped with the wall time the call is issued,
 * so a slow call is followed by a larger one and the average rate holds.
 */
final class SteadyProducer implements Runnable {

  private static final int MAX_ENTRIES = 500;

  private final KinesisClient kinesis;
  private final String stream;
  private final long firstIndex;
  private final int rate;
  private final Duration duration;
  private final int recordBytes;
  private final AtomicLong sent = new AtomicLong();
  private final LatencyRecorder callMillis = new LatencyRecorder();
  private volatile RuntimeException failure;

  SteadyProducer(
      KinesisClient kinesis,
      String stream,
      long firstIndex,
      int rate,
      Duration duration,
      int recordBytes) {
    this.kinesis = kinesis;
    this.stream = stream;
    this.firstIndex = firstIndex;
    this.rate = rate;
    this.duration = duration;
    this.recordBytes = recordBytes;
  }

  @Override
  public void run() {
    try {
      produce();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private void produce() {
    long total = rate * duration.toSeconds();
    long start = System.nanoTime();
    while (sent.get() < total) {
      long elapsed = System.nanoTime() - start;
      long due = Math.min(total, elapsed * rate / TimeUnit.SECONDS.toNanos(1)) - sent.get();
      if (due <= 0) {
        long nextDue = (sent.get() + 1) * TimeUnit.SECONDS.toNanos(1) / rate;
        sleepNanos(nextDue - elapsed);
        continue;
      }
      int count = (int) Math.min(due, MAX_ENTRIES);
      long issued = System.nanoTime();
      List<PutRecordsRequestEntry> batch =
          StampedRecords.entries(
              firstIndex + sent.get(), count, System.currentTimeMillis(), recordBytes);
      // putAll resends entries a call fails; they keep their first stamp, so retries count as lag.
      KinesisStreams.putAll(kinesis, stream, batch);
      callMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - issued));
      sent.addAndGet(count);
    }
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(Math.max(nanos, 100_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("producer interrupted", e);
    }
  }

  long sent() {
    return sent.get();
  }

  /** Durations of the PutRecords calls (resends included), in ms. */
  LatencyRecorder callMillis() {
    return callMillis;
  }

  /** Why the producer stopped early, or null. */
  RuntimeException failure() {
    return failure;
  }
}
