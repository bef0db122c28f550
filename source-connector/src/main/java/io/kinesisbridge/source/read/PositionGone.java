package io.kinesisbridge.source.read;

import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.StartPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stored offset whose record Kinesis no longer has: the stream's retention trimmed it while the
 * connector was stopped or behind. Failing the task would not bring the records back and would stop
 * every other shard, so both readers go on from the oldest retained record and say loudly what was
 * lost.
 */
final class PositionGone {

  private static final Logger LOG = LoggerFactory.getLogger(PositionGone.class);

  private PositionGone() {}

  /** Whether Kinesis refused the starting sequence number of a request. */
  static boolean isPositionRefused(RuntimeException e) {
    return "InvalidArgumentException".equals(ErrorClassifier.classify(e).code());
  }

  static void warn(ShardKey shard, StartPosition refused, RuntimeException e) {
    LOG.warn(
        "Kinesis refused the stored position {} of {} ({}). The records after it were most likely"
            + " trimmed by the stream's retention period and are lost; reading goes on from the"
            + " oldest retained record (TRIM_HORIZON). Raise the stream's retention or keep the"
            + " connector running to avoid this.",
        refused.sequenceNumber(),
        shard,
        ErrorClassifier.classify(e).reason());
  }
}
