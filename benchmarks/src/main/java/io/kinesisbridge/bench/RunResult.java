package io.kinesisbridge.bench;

/**
 * The figures of one run of one scenario.
 *
 * @param scenario scenario name
 * @param label "warm-up" or "round N"
 * @param expected records the run waited for
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
 * @param otherCores cores other processes kept busy on average over the steady interval (NaN when
 *     the machine's CPU time cannot be read): above a few tenths, the figures are noisy
 * @param billing billed and payload bytes (Firehose scenarios), or null
 * @param failure why the run did not finish, or null
 */
record RunResult(
    String scenario,
    String label,
    long expected,
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
    double otherCores,
    Billing billing,
    String failure) {

  boolean ok() {
    return failure == null;
  }

  double recordsPerSecond() {
    return expected * 1e9 / Math.max(1, steadyNanos);
  }

  double recordsPerSecondWithStartup() {
    return expected * 1e9 / Math.max(1, totalNanos);
  }

  double cpuNanosPerRecord() {
    return (double) cpuNanos / expected;
  }

  double cpuNanosPerRecordWithoutStub() {
    return (double) (cpuNanos - stubCpuNanos) / expected;
  }

  double callsPer10k() {
    return putRecordsCalls * 10_000.0 / expected;
  }

  double kinesisRecordsPer10k() {
    return kinesisRecords * 10_000.0 / expected;
  }

  static RunResult failed(String scenario, String label, long expected, long received, String why) {
    return new RunResult(
        scenario, label, expected, received, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, null, why);
  }
}
