package io.kinesisbridge.common.sink;

import java.util.concurrent.TimeUnit;

/** The mutable counters behind {@link PipelineStats}; guarded by the pipeline's lock. */
final class PipelineCounters {
  long submitted;
  long skipped;
  long acknowledged;
  long retried;
  long throttled;
  long failed;
  long dropped;
  long requests;
  long entries;
  int inFlight;
  long lastLatencyNanos;
  long bufferedRecords;
  long bufferedBytes;

  /** A record left the buffer: acknowledged, dropped or cleared. */
  void release(int sizeBytes) {
    bufferedRecords--;
    bufferedBytes -= sizeBytes;
  }

  PipelineStats snapshot(double rateLimit) {
    return new PipelineStats(
        submitted,
        skipped,
        acknowledged,
        retried,
        throttled,
        failed,
        dropped,
        requests,
        entries,
        inFlight,
        TimeUnit.NANOSECONDS.toMillis(lastLatencyNanos),
        bufferedRecords,
        bufferedBytes,
        rateLimit);
  }
}
