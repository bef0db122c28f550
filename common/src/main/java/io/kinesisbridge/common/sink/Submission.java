package io.kinesisbridge.common.sink;

import org.apache.kafka.common.TopicPartition;

import java.util.Objects;

/**
 * One record handed to {@link DeliveryPipeline#submitAll}: one to send, or one {@link #skipped}.
 *
 * @param <R> the sink's record
 * @param topicPartition where the record came from, for offset tracking and error messages
 * @param offset its Kafka offset; offsets of one partition must be submitted in increasing order
 *     (gaps are fine)
 * @param destination the stream or delivery stream it goes to; one request only ever carries
 *     entries of one destination; {@code null} when skipped
 * @param lane the ordering and packing group within the destination, compared with {@code equals}:
 *     with ordering on, the records of one lane reach the destination in submit order, one entry of
 *     the lane in flight at a time (use the key for per-key order, the {@link TopicPartition} for
 *     per-partition order); a {@link Packer} only ever packs records of one lane together (use the
 *     shard for KPL aggregation). A lane is dropped once it holds no record, so there are never
 *     more lanes than records buffered, however many keys there are.
 * @param payload the sink's own representation of the record, opaque to the pipeline; {@code null}
 *     when skipped
 * @param sizeBytes how many bytes the record counts towards the request limit and the buffer bound
 * @param orderSlot with ordering on, a {@link #keySlot} whose records keep submit order even when
 *     their lane changes (a shard lane after a reshard): a record whose slot still has records in
 *     another lane joins that lane behind them. {@link #NO_SLOT} when the lane alone decides.
 * @param shard the part of the destination that AWS throttles on its own (a Kinesis shard), or
 *     {@code null}: throttled entries slow down only their shard, so one hot shard cannot starve
 *     the others; throttling without a shard, or of a whole call, slows the destination
 */
public record Submission<R>(
    TopicPartition topicPartition,
    long offset,
    String destination,
    Object lane,
    R payload,
    int sizeBytes,
    int orderSlot,
    Object shard) {

  /** How many order slots there are: slot bookkeeping stays this small for any number of keys. */
  public static final int KEY_SLOTS = 4096;

  /** The {@code orderSlot} of a record whose lane alone decides its order. */
  public static final int NO_SLOT = -1;

  /** Checks the fields: a record to send has a destination, a lane and a payload. */
  public Submission {
    Objects.requireNonNull(topicPartition, "topicPartition");
    if (payload != null || destination != null || lane != null) {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(lane, "lane");
      Objects.requireNonNull(payload, "payload");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
    }
    if (orderSlot < NO_SLOT || orderSlot >= KEY_SLOTS) {
      throw new IllegalArgumentException("orderSlot out of range: " + orderSlot);
    }
  }

  /** A submission whose lane alone decides its order. */
  public Submission(
      TopicPartition topicPartition,
      long offset,
      String destination,
      Object lane,
      R payload,
      int sizeBytes) {
    this(topicPartition, offset, destination, lane, payload, sizeBytes, NO_SLOT, null);
  }

  /**
   * A record the task handled without sending it (a null value skipped, a record sent to the dead
   * letter queue): it is acknowledged at once, so its offset commits once the records before it are
   * acknowledged.
   */
  public static <R> Submission<R> skipped(TopicPartition topicPartition, long offset) {
    return new Submission<>(topicPartition, offset, null, null, null, 0, NO_SLOT, null);
  }

  /** Whether this is a {@link #skipped} record rather than one to send. */
  public boolean isSkipped() {
    return payload == null;
  }

  /**
   * The key slot of a key with hash code {@code keyHash}, in {@code [0, KEY_SLOTS)}: equal keys
   * share a slot, and different keys rarely do (a shared slot only costs concurrency, never order).
   */
  public static int keySlot(int keyHash) {
    // Spread the bits first: hash codes of structured keys often differ only in a few high bits.
    int h = keyHash ^ (keyHash >>> 16);
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h & (KEY_SLOTS - 1);
  }
}
