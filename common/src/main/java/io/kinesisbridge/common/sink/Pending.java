package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.sink.OffsetTracker.PartitionLog;
import org.apache.kafka.common.TopicPartition;

/** A submitted record between submit and its acknowledgement, drop or fatal failure. */
final class Pending<R> {
  final R payload;
  final TopicPartition topicPartition;
  final long offset;
  final int sizeBytes;
  final long submitNanos;

  /** The pipeline-wide submit order, to restore it when retried records come back. */
  final long sequence;

  final Lane<R> lane;
  final PartitionLog log;
  final long ticket;

  /** The submission's {@link Submission#orderSlot}. */
  final int slot;

  /** The submission's {@link Submission#shard}, or {@code null}. */
  final Object shard;

  int attempts;
  String lastError;

  Pending(Submission<R> submission, Lane<R> lane, PartitionLog log, long sequence, long now) {
    this.payload = submission.payload();
    this.topicPartition = submission.topicPartition();
    this.offset = submission.offset();
    this.sizeBytes = submission.sizeBytes();
    this.submitNanos = now;
    this.sequence = sequence;
    this.lane = lane;
    this.log = log;
    this.ticket = log.track(offset);
    this.slot = submission.orderSlot();
    this.shard = submission.shard();
  }

  /** Whether its partition was revoked: it is neither retried nor counted for offsets any more. */
  boolean isForgotten() {
    return log.isDetached();
  }

  void acknowledge() {
    log.acknowledge(ticket);
  }
}
