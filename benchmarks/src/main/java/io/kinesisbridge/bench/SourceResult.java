package io.kinesisbridge.bench;

/**
 * What one source run measured. Counts are distinct records (by index); duplicates, which
 * at-least-once delivery allows, are counted apart.
 *
 * @param reader reader mode
 * @param pollIntervalMs the connector's poll interval
 * @param tasks the connector's tasks.max
 * @param preloaded records put before the connector started
 * @param preloadedReceived of those, records that reached Kafka
 * @param recordsPerSecond preloaded records over the time from the first to the last in Kafka
 * @param recordsPerSecondWithStart the same from the connector's creation
 * @param liveSent records the producer put during the lag phase
 * @param liveReceived of those, records that reached Kafka
 * @param duplicates records that reached Kafka more than once (extra copies)
 * @param lag lag in ms of the lag phase's records sent after the warm-up
 * @param readLag of the same records, lag in ms from their Kinesis arrival time to the consumer
 * @param putCalls durations in ms of the producer's PutRecords calls
 * @param failure why the run stopped early or fell short, or null
 */
record SourceResult(
    String reader,
    long pollIntervalMs,
    int tasks,
    long preloaded,
    long preloadedReceived,
    double recordsPerSecond,
    double recordsPerSecondWithStart,
    long liveSent,
    long liveReceived,
    long duplicates,
    LatencyRecorder.Percentiles lag,
    LatencyRecorder.Percentiles readLag,
    LatencyRecorder.Percentiles putCalls,
    String failure) {

  /** A run that stopped before the throughput phase, with {@code preloaded} records put. */
  static SourceResult failed(SourceOptions options, String reader, long preloaded, String failure) {
    LatencyRecorder.Percentiles none = new LatencyRecorder().percentiles();
    return new SourceResult(
        reader,
        options.pollIntervalMs(),
        options.tasks(),
        preloaded,
        0,
        Double.NaN,
        Double.NaN,
        0,
        0,
        0,
        none,
        none,
        none,
        failure);
  }

  /** Whether the run finished with every record sent in Kafka. */
  boolean ok() {
    return failure == null && preloadedReceived == preloaded && liveReceived == liveSent;
  }

  /** The lag target for p99, in ms: poll interval + 200 when polling, 200 with EFO. */
  long lagTargetMillis() {
    return SourceOptions.EFO.equals(reader) ? 200 : pollIntervalMs + 200;
  }

  /** Whether p99 lag meets the target: at most it when polling, under it with EFO. */
  boolean meetsLagTarget() {
    long p99 = lag.at(99);
    if (p99 < 0) {
      return false;
    }
    return SourceOptions.EFO.equals(reader) ? p99 < lagTargetMillis() : p99 <= lagTargetMillis();
  }
}
