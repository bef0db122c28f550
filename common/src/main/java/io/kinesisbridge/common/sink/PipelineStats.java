package io.kinesisbridge.common.sink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A snapshot of a pipeline's counters, for the tasks' metrics. Counters count since the pipeline
 * was built.
 *
 * @param recordsSubmitted records handed to the pipeline
 * @param recordsSkipped records acknowledged without sending (null values, dead-lettered)
 * @param recordsAcknowledged records AWS acknowledged
 * @param recordsRetried record sends that failed and were scheduled again
 * @param recordsThrottled the part of {@code recordsRetried} that AWS throttled
 * @param recordsFailed records given up on (fatal error or delivery timeout)
 * @param recordsDropped records dropped unacknowledged by {@code forget} or {@code close}
 * @param requestsSent requests sent
 * @param entriesSent wire entries sent, retries included
 * @param inFlightRequests requests outstanding now
 * @param lastRequestLatencyMillis how long the last completed request took
 * @param bufferedRecords records submitted and not yet acknowledged or dropped
 * @param bufferedBytes their bytes
 * @param entriesPerSecondLimit the lowest current rate limit over the destinations and their shards
 */
public record PipelineStats(
    long recordsSubmitted,
    long recordsSkipped,
    long recordsAcknowledged,
    long recordsRetried,
    long recordsThrottled,
    long recordsFailed,
    long recordsDropped,
    long requestsSent,
    long entriesSent,
    int inFlightRequests,
    long lastRequestLatencyMillis,
    long bufferedRecords,
    long bufferedBytes,
    double entriesPerSecondLimit) {

  /**
   * The values by metric name ({@code records-acknowledged-total}, {@code buffered-bytes} ...), in
   * the shape {@code TaskMetrics.register} takes.
   */
  public Map<String, Number> asGauges() {
    Map<String, Number> gauges = new LinkedHashMap<>();
    gauges.put("records-submitted-total", recordsSubmitted);
    gauges.put("records-skipped-total", recordsSkipped);
    gauges.put("records-acknowledged-total", recordsAcknowledged);
    gauges.put("records-retried-total", recordsRetried);
    gauges.put("records-throttled-total", recordsThrottled);
    gauges.put("records-failed-total", recordsFailed);
    gauges.put("records-dropped-total", recordsDropped);
    gauges.put("requests-sent-total", requestsSent);
    gauges.put("entries-sent-total", entriesSent);
    gauges.put("requests-in-flight", inFlightRequests);
    gauges.put("request-latency-last-ms", lastRequestLatencyMillis);
    gauges.put("buffered-records", bufferedRecords);
    gauges.put("buffered-bytes", bufferedBytes);
    gauges.put("entries-per-second-limit", entriesPerSecondLimit);
    return gauges;
  }

  /** Average entries per request: how full batching makes each call; 0 before any request. */
  public double entriesPerRequestAvg() {
    return ratio(entriesSent, requestsSent);
  }

  /** Average records per entry: what aggregation or packing saves; 0 before any entry. */
  public double recordsPerEntryAvg() {
    return ratio(recordsAcknowledged, entriesSent);
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }

  /** The mutable counters behind {@link PipelineStats}; guarded by the pipeline's lock. */
  static final class Counters {
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
}
