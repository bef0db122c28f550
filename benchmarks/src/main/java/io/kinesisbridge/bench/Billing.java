package io.kinesisbridge.bench;

/**
 * What Firehose would bill for one run: every Firehose record rounded up to {@link #UNIT_BYTES}.
 *
 * @param payloadBytes bytes of the accepted Firehose records, delimiters included
 * @param billedBytes the sum over those records of {@code ceil(size / 5120) * 5120}
 * @param source where the figures come from: {@code endpoint} (the Firehose endpoint's counters) or
 *     {@code jmx} (the sink task's {@code billed-bytes} and {@code payload-bytes} gauges)
 * @param check how the figures compare with the other side's, e.g. {@code "= endpoint"}
 */
record Billing(long payloadBytes, long billedBytes, String source, String check) {

  /** Firehose's billing increment: 5 KB. */
  static final long UNIT_BYTES = 5120;

  /** The billed size of one record of {@code size} bytes. */
  static long billedBytesOf(long size) {
    return Math.max(1, (size + UNIT_BYTES - 1) / UNIT_BYTES) * UNIT_BYTES;
  }

  double ratio() {
    return (double) billedBytes / Math.max(1, payloadBytes);
  }
}
