package io.kinesisbridge.testkit.firehose;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One delivery stream: its configuration, its counters and its buffer. Accepted records are
 * concatenated as they are (Firehose adds no delimiter) and the buffer is cut into an object when
 * the next record would take it over the size hint, when it reaches the hint, or when its oldest
 * record has waited the interval hint. Cut objects queue until {@link S3Delivery} uploads them, in
 * order, one upload at a time per stream ({@link #deliveryLock()}).
 */
final class DeliveryStream {

  /** The version in object keys; it would grow with UpdateDestination, which is not offered. */
  static final int VERSION = 1;

  /** An object cut from the buffer, waiting for its upload. */
  record Chunk(String key, byte[] data, int records) {}

  private final DeliveryStreamSpec spec;
  private final String arn;
  private final Instant created;
  private final FirehoseStats stats = new FirehoseStats();
  private final ReentrantLock deliveryLock = new ReentrantLock();
  private final Deque<Chunk> ready = new ArrayDeque<>(); // guarded by this
  private ByteArrayOutputStream buffer = new ByteArrayOutputStream(); // guarded by this
  private int bufferedRecords; // guarded by this
  private Instant oldestArrival; // guarded by this
  private long oldestNanos; // guarded by this
  private boolean deleted; // guarded by this

  DeliveryStream(DeliveryStreamSpec spec, String arn, Instant created) {
    this.spec = spec;
    this.arn = arn;
    this.created = created;
  }

  DeliveryStreamSpec spec() {
    return spec;
  }

  String name() {
    return spec.name();
  }

  String arn() {
    return arn;
  }

  Instant created() {
    return created;
  }

  FirehoseStats stats() {
    return stats;
  }

  /** Held while this stream's objects upload, so flushes wait for uploads in progress. */
  ReentrantLock deliveryLock() {
    return deliveryLock;
  }

  /**
   * Buffers accepted records in order.
   *
   * @param arrival the wall-clock arrival time, for object keys
   * @param arrivalNanos {@link System#nanoTime()} at arrival, for the interval hint
   * @return whether an object is ready for upload
   */
  synchronized boolean append(List<byte[]> records, Instant arrival, long arrivalNanos) {
    if (deleted) {
      return false; // a call that raced with DeleteDeliveryStream
    }
    long limit = spec.sizeBytes();
    for (byte[] data : records) {
      if (bufferedRecords > 0 && buffer.size() + (long) data.length > limit) {
        cut();
      }
      if (bufferedRecords == 0) {
        oldestArrival = arrival;
        oldestNanos = arrivalNanos;
      }
      buffer.write(data, 0, data.length);
      bufferedRecords++;
      if (buffer.size() >= limit) {
        cut();
      }
    }
    return !ready.isEmpty();
  }

  /**
   * Cuts the buffer into an object when its oldest record has waited the interval hint, or always
   * when {@code force}.
   *
   * @return whether an object is ready for upload
   */
  synchronized boolean cutIfDue(long nowNanos, boolean force) {
    long interval = TimeUnit.SECONDS.toNanos(spec.intervalInSeconds());
    if (bufferedRecords > 0 && (force || nowNanos - oldestNanos >= interval)) {
      cut();
    }
    return !ready.isEmpty();
  }

  /** The oldest object waiting for upload, or null. */
  synchronized Chunk nextReady() {
    return ready.peekFirst();
  }

  /** Drops {@code chunk} from the queue once it is uploaded. */
  synchronized void uploaded(Chunk chunk) {
    if (ready.peekFirst() == chunk) {
      ready.removeFirst();
    }
  }

  /** Drops everything buffered: a deleted stream delivers nothing more, as AWS promises no more. */
  synchronized void delete() {
    deleted = true;
    ready.clear();
    buffer = new ByteArrayOutputStream();
    bufferedRecords = 0;
  }

  private void cut() {
    String key = ObjectKeys.key(spec.name(), VERSION, spec.prefix(), oldestArrival);
    ready.addLast(new Chunk(key, buffer.toByteArray(), bufferedRecords));
    buffer = new ByteArrayOutputStream();
    bufferedRecords = 0;
  }
}
