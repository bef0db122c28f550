package io.kinesisbridge.common.connect;

/**
 * What {@link BackPressure} needs to know of a sink's buffer of unacknowledged records. A sink's
 * writer answers from its {@link io.kinesisbridge.common.sink.DeliveryPipeline}.
 */
public interface BufferGauge {

  /** Whether the buffer reached its high watermark: the task should pause its partitions. */
  boolean isAboveHighWatermark();

  /** Whether the buffer fell to its low watermark: a paused task may resume its partitions. */
  boolean isBelowLowWatermark();

  /** Bytes of records submitted and not yet acknowledged, for log lines. */
  long bufferedBytes();
}
