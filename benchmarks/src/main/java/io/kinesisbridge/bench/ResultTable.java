package io.kinesisbridge.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the harness's results: the set-up, one row per run, then the ratios issues #3 and #5 ask
 * about (CPU per record against the bare synchronous baseline of the same family, records/s, API
 * calls) and, for Firehose runs, billed 5 KB units ({@link FirehoseReport}). The only class of the
 * harness that writes to the console.
 */
final class ResultTable {

  private static final String ROW = "%-29s %-9s %10s %10s %10s %9s %9s %9s %9s %9s %9s %6s%n";
  private static final double MIB = 1024.0 * 1024.0;

  private final PrintStream out;

  ResultTable(PrintStream out) {
    this.out = out;
  }

  void header(HarnessOptions options) {
    out.printf(
        Locale.ROOT,
        "SinkThroughput: %,d records of %d bytes, %d partitions, stub streams of %d shards,"
            + " tasks.max=1%n",
        options.records(),
        options.recordBytes(),
        options.partitions(),
        options.shards());
    out.printf(
        Locale.ROOT,
        "JVM %s, %d cores, max heap %.0f MiB; broker, worker, connector and stub share this"
            + " process%n",
        Runtime.version(),
        JvmProbe.cores(),
        JvmProbe.heapMax() / MIB);
    if (!options.sinkOverrides().isEmpty()) {
      out.println("sink overrides: " + options.sinkOverrides());
    }
  }

  void progress(String message) {
    out.println(message);
    out.flush();
  }

  void print(List<RunResult> results) {
    out.println();
    out.printf(
        Locale.ROOT,
        ROW,
        "scenario",
        "run",
        "records/s",
        "incl.start",
        "CPU ns/rec",
        "-stub",
        "calls/10k",
        "recs/10k",
        "heap MiB",
        "peak MiB",
        "received",
        "other");
    for (RunResult r : results) {
      if (!r.ok()) {
        out.printf(Locale.ROOT, "%-29s %-9s FAILED: %s%n", r.scenario(), r.label(), r.failure());
        continue;
      }
      out.printf(
          Locale.ROOT,
          ROW,
          r.scenario(),
          r.label(),
          String.format(Locale.ROOT, "%,.0f", r.recordsPerSecond()),
          String.format(Locale.ROOT, "%,.0f", r.recordsPerSecondWithStartup()),
          String.format(Locale.ROOT, "%,.0f", r.cpuNanosPerRecord()),
          String.format(Locale.ROOT, "%,.0f", r.cpuNanosPerRecordWithoutStub()),
          String.format(Locale.ROOT, "%.1f", r.callsPer10k()),
          String.format(Locale.ROOT, "%.1f", r.kinesisRecordsPer10k()),
          String.format(Locale.ROOT, "%.0f", r.heapAfterGc() / MIB),
          String.format(Locale.ROOT, "%.0f", r.peakHeap() / MIB),
          String.format(Locale.ROOT, "%,d", r.received()),
          Double.isNaN(r.otherCores()) ? "?" : String.format(Locale.ROOT, "%.2f", r.otherCores()));
      if (r.cutShort()) {
        out.printf(
            Locale.ROOT,
            "%-29s %-9s cut short by max.seconds: rates over %,d of %,d records%n",
            "",
            "",
            r.measured(),
            r.expected());
      }
      if (r.throttledEntries() > 0 || r.misrouted() > 0) {
        out.printf(
            Locale.ROOT,
            "%-29s %-9s throttled entries %,d, misrouted user records %,d%n",
            "",
            "",
            r.throttledEntries(),
            r.misrouted());
      }
    }
    legend();
    FirehoseReport.billing(results).forEach(out::println);
    ratios(
        results,
        Scenarios.BASELINE,
        "PutRecords",
        List.of(Scenarios.SINK, Scenarios.SINK_AGGREGATED));
    ratios(
        results,
        Scenarios.FIREHOSE_BASELINE,
        "PutRecordBatch",
        List.of(Scenarios.FIREHOSE, Scenarios.FIREHOSE_PACKED));
    last(results, Scenarios.FIREHOSE_PACKED)
        .ifPresent(
            packed ->
                FirehoseReport.targets(
                        packed, last(results, Scenarios.FIREHOSE_BASELINE).orElse(null))
                    .forEach(out::println));
  }

  private void legend() {
    out.println();
    out.println(
        "records/s: first to last record at the stub (packed Firehose: from the task's first"
            + " record); incl.start: from connector creation."
            + " CPU ns/rec: process CPU over the steady interval / records; -stub: without the"
            + " stub's handler threads (Firehose: the endpoint's live handler threads)."
            + " calls/10k, recs/10k: PutRecords (PutRecordBatch) calls and Kinesis (Firehose)"
            + " records per 10,000 Kafka records. heap: used after a full GC half way through"
            + " the run, less the bytes the endpoint buffers for the run;"
            + " peak: largest sampled use, garbage included. other: cores that other processes on"
            + " this machine kept busy meanwhile; above ~0.2 the figures are noisy.");
  }

  private void ratios(
      List<RunResult> results, String baselineName, String call, List<String> scenarios) {
    Optional<RunResult> baseline = last(results, baselineName);
    if (baseline.isEmpty()) {
      return;
    }
    RunResult base = baseline.get();
    out.println();
    out.println("Against the bare synchronous " + call + " baseline (target: CPU/record <= 1.2x):");
    for (String scenario : scenarios) {
      Optional<RunResult> run = last(results, scenario);
      if (run.isEmpty()) {
        continue;
      }
      RunResult r = run.get();
      out.printf(
          Locale.ROOT,
          "  %-16s CPU/record %.2fx (without stub %.2fx), records/s %.2fx, calls %.2fx,"
              + " heap %+.0f MiB%n",
          scenario,
          r.cpuNanosPerRecord() / base.cpuNanosPerRecord(),
          r.cpuNanosPerRecordWithoutStub() / base.cpuNanosPerRecordWithoutStub(),
          r.recordsPerSecond() / base.recordsPerSecond(),
          r.callsPer10k() / base.callsPer10k(),
          (r.heapAfterGc() - base.heapAfterGc()) / MIB);
    }
  }

  /** The last successful measured run of {@code scenario}. */
  private static Optional<RunResult> last(List<RunResult> results, String scenario) {
    Optional<RunResult> found = Optional.empty();
    for (RunResult r : results) {
      if (r.ok() && r.scenario().equals(scenario) && !r.label().equals(SinkThroughput.WARMUP)) {
        found = Optional.of(r);
      }
    }
    return found;
  }
}
