package io.kinesisbridge.testkit.firehose;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Uploads the objects the delivery streams cut, on one background thread: at once when a stream's
 * buffer fills, and on every tick for buffers whose interval hint has passed. An upload that fails
 * (say, the bucket does not exist yet) stays queued and is tried again on the next tick, as
 * Firehose keeps retrying a destination; {@link #flushAll()} makes such failures visible to the
 * test.
 */
final class S3Delivery implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3Delivery.class);

  private final S3Client s3;
  private final boolean ownsClient;
  private final DeliveryStreams streams;
  private final FirehoseStats total;
  private final List<DeliveredObject> delivered = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "firehose-endpoint-delivery");
            thread.setDaemon(true); // a forgotten endpoint never keeps a JVM alive
            return thread;
          });

  S3Delivery(S3Client s3, boolean ownsClient, DeliveryStreams streams, FirehoseStats total) {
    this.s3 = s3;
    this.ownsClient = ownsClient;
    this.streams = streams;
    this.total = total;
  }

  /** Starts checking the interval hints every {@code tick}. */
  void start(Duration tick) {
    long millis = Math.max(1, tick.toMillis());
    executor.scheduleWithFixedDelay(this::deliverDue, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Uploads {@code stream}'s ready objects soon, off the caller's thread. */
  void signal(DeliveryStream stream) {
    executor.execute(() -> deliverQuietly(stream));
  }

  /**
   * Cuts every buffer and uploads everything waiting, on the caller's thread, after any upload in
   * progress.
   *
   * @throws IllegalStateException when an upload fails; what failed stays queued
   */
  void flushAll() {
    long now = System.nanoTime();
    List<String> failures = new ArrayList<>();
    for (DeliveryStream stream : streams.all()) {
      stream.cutIfDue(now, true);
      try {
        deliver(stream);
      } catch (RuntimeException e) {
        failures.add(stream.name() + ": " + e);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("S3 delivery failed for " + failures);
    }
  }

  /** The objects delivered so far, in delivery order. */
  List<DeliveredObject> delivered() {
    return List.copyOf(delivered);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (ownsClient) {
        s3.close();
      }
    }
  }

  private void deliverDue() {
    long now = System.nanoTime();
    for (DeliveryStream stream : streams.all()) {
      if (stream.cutIfDue(now, false)) {
        deliverQuietly(stream);
      }
    }
  }

  private void deliverQuietly(DeliveryStream stream) {
    try {
      deliver(stream);
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; the object stays queued for a retry.
      LOG.warn("Firehose endpoint could not deliver to S3 for {}; will retry", stream.name(), e);
    }
  }

  private void deliver(DeliveryStream stream) {
    stream.deliveryLock().lock();
    try {
      DeliveryStream.Chunk chunk;
      while ((chunk = stream.nextReady()) != null) {
        upload(stream, chunk);
        stream.uploaded(chunk);
      }
    } finally {
      stream.deliveryLock().unlock();
    }
  }

  private void upload(DeliveryStream stream, DeliveryStream.Chunk chunk) {
    String bucket = stream.spec().bucket();
    try {
      s3.putObject(b -> b.bucket(bucket).key(chunk.key()), RequestBody.fromBytes(chunk.data()));
    } catch (RuntimeException e) {
      stream.stats().deliveryFailed();
      total.deliveryFailed();
      throw e;
    }
    stream.stats().delivered(chunk.data().length);
    total.delivered(chunk.data().length);
    delivered.add(
        new DeliveredObject(
            stream.name(), bucket, chunk.key(), chunk.records(), chunk.data().length));
  }
}
