package io.kinesisbridge.bench;

import io.kinesisbridge.testkit.stub.ShardStats;

import java.util.List;

/**
 * The figures of one run of one scenario.
 *
 * @param scenario scenario name, with its ordering for a variant ({@code sink@per-key})
 * @param label "warm-up" or "round N"
 * @param rttMillis the stub's round trip during the run
 * @param expected records the run waited for
 * @param measured records the rates are taken over: {@code expected}, or what had arrived when a
 *     run was cut short by {@code max.seconds}
 * @param received user records the stub counted (more than expected means re-sends)
 * @param putRecordsCalls PutRecords (Kinesis) or PutRecordBatch (Firehose) calls answered for this
 *     run's stream
 * @param kinesisRecords Kinesis or Firehose records accepted (aggregates and packed records count
 *     once)
 * @param throttledEntries entries the stub failed on purpose
 * @param misrouted user records inside aggregates that hash to another shard (when checked)
 * @param steadyNanos wall time from the first record at the stub until all had arrived
 * @param totalNanos wall time from creating the connector until all records had arrived
 * @param cpuNanos process CPU time over the steady interval
 * @param stubCpuNanos the stub's handler CPU time over the same interval
 * @param heapAfterGc heap used after a full GC with the connector still running, less what the
 *     endpoint itself held for the run
 * @param peakHeap largest heap use sampled during the run (garbage included)
 * @param bufferAtGc what the sink task held unacknowledged when the heap was measured
 * @param otherCores cores other processes kept busy on average over the steady interval (NaN when
 *     the machine's CPU time cannot be read): above a few tenths, the figures are noisy
 * @param billing billed and payload bytes (Firehose scenarios), or null
 * @param shards what each shard of the run's stream took (Kinesis), or an empty list
 * @param failure why the run did not finish, or null
 */
record RunResult(
    String scenario,
    String label,
    int rttMillis,
    long expected,
    long measured,
    long received,
    long putRecordsCalls,
    long kinesisRecords,
    long throttledEntries,
    long misrouted,
    long steadyNanos,
    long totalNanos,
    long cpuNanos,
    long stubCpuNanos,
    long heapAfterGc,
    long peakHeap,
    KinesisTaskGauges bufferAtGc,
    double otherCores,
    Billing billing,
    List<ShardStats> shards,
    String failure) {

  /** Prefix of the failure of a run the connector refused to start with its settings. */
  static final String REFUSED = "not run: ";

  boolean ok() {
    return failure == null;
  }

  /**
   * Whether the run did not start because the connector refused a setting it asked for (an ordering
   * the sink does not have yet): a fact about the sink, not a failed measurement.
   */
  boolean refused() {
    return failure != null && failure.startsWith(REFUSED);
  }

  boolean cutShort() {
    return measured < expected;
  }

  double recordsPerSecond() {
    return measured * 1e9 / Math.max(1, steadyNanos);
  }

  double recordsPerSecondWithStartup() {
    return measured * 1e9 / Math.max(1, totalNanos);
  }

  double cpuNanosPerRecord() {
    return (double) cpuNanos / Math.max(1, measured);
  }

  double cpuNanosPerRecordWithoutStub() {
    return (double) (cpuNanos - stubCpuNanos) / Math.max(1, measured);
  }

  double callsPer10k() {
    return putRecordsCalls * 10_000.0 / Math.max(1, measured);
  }

  double kinesisRecordsPer10k() {
    return kinesisRecords * 10_000.0 / Math.max(1, measured);
  }

  /** Entries throttled as a share of all entries the stub answered (accepted or throttled). */
  double throttledShare() {
    long answered = kinesisRecords + throttledEntries;
    return answered == 0 ? 0 : (double) throttledEntries / answered;
  }

  static RunResult failed(
      String scenario, String label, int rttMillis, long expected, long received, String why) {
    return new RunResult(
        scenario,
        label,
        rttMillis,
        expected,
        0,
        received,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        KinesisTaskGauges.UNKNOWN,
        Double.NaN,
        null,
        List.of(),
        why);
  }
}
