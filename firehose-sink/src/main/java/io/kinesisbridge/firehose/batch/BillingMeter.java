package io.kinesisbridge.firehose.batch;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what Firehose accepted and what it bills for it: each accepted Firehose record costs its
 * size rounded up to the next {@link FirehoseLimits#BILLING_INCREMENT_BYTES}. The ratio of billed
 * to payload bytes shows what packing saves: about 51x for unpacked 100-byte records, close to 1x
 * when packed. Thread-safe; updated from the SDK's response threads.
 */
public final class BillingMeter {

  private final LongAdder records = new LongAdder();
  private final LongAdder payloadBytes = new LongAdder();
  private final LongAdder billedBytes = new LongAdder();

  /**
   * The billed size of one Firehose record of {@code size} bytes. An empty record is counted as one
   * increment: the pricing page rounds every record up and names no exception for empty ones, so
   * the estimate errs on the high side.
   */
  public static long billedBytesOf(long size) {
    long increments =
        Math.max(
            1,
            (size + FirehoseLimits.BILLING_INCREMENT_BYTES - 1)
                / FirehoseLimits.BILLING_INCREMENT_BYTES);
    return increments * FirehoseLimits.BILLING_INCREMENT_BYTES;
  }

  /** Counts one Firehose record of {@code size} bytes that Firehose accepted. */
  public void accepted(long size) {
    records.increment();
    payloadBytes.add(size);
    billedBytes.add(billedBytesOf(size));
  }

  /** Firehose records accepted so far (a packed record counts once). */
  public long records() {
    return records.sum();
  }

  /** Bytes of the accepted records, delimiters included: what lands in the destination. */
  public long payloadBytes() {
    return payloadBytes.sum();
  }

  /** What Firehose bills for the accepted records, in bytes. */
  public long billedBytes() {
    return billedBytes.sum();
  }

  /** Billed bytes per payload byte; 0 before anything was accepted. */
  public double billedToPayloadRatio() {
    long payload = payloadBytes();
    return payload == 0 ? 0.0 : (double) billedBytes() / payload;
  }
}
