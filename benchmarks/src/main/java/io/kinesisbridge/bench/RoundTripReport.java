package io.kinesisbridge.bench;

import io.kinesisbridge.testkit.stub.ShardStats;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Kinesis runs as issue 11 asks for them: per stub round trip, each scenario's records/s and
 * CPU per record next to the bare synchronous baseline of the same round trip (ratios, because the
 * shared machine makes absolute figures noisy), PutRecords calls, throttled entries and heap; with
 * shard limits on, what each shard took. Printed as Markdown tables, ready for the README.
 */
final class RoundTripReport {

  private static final double MIB = 1024.0 * 1024.0;
  private static final double SHARD_RECORDS_PER_SECOND = 1_000;
  private static final double SHARD_BYTES_PER_SECOND = MIB;

  private final PrintStream out;
  private final HarnessOptions options;

  RoundTripReport(PrintStream out, HarnessOptions options) {
    this.out = out;
    this.options = options;
  }

  void print(List<RunResult> results) {
    List<RunResult> kinesis = new ArrayList<>();
    for (RunResult r : results) {
      if (!Scenarios.isFirehose(r.scenario()) && !r.label().equals(SinkThroughput.WARMUP)) {
        kinesis.add(r);
      }
    }
    if (kinesis.isEmpty()) {
      return;
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "Round trip (jitter up to %d ms), %s keys%s, shard limits %s, %d shards, %d partitions,"
            + " %d-byte records%n%n",
        options.rttJitterMillis(),
        options.keys() == 0 ? "distinct" : String.format(Locale.ROOT, "%,d", options.keys()),
        options.hotKeyShare() > 0
            ? String.format(Locale.ROOT, " (hot key on %.0f%%)", options.hotKeyShare() * 100)
            : "",
        options.shardLimits() ? "on" : "off",
        options.shards(),
        options.partitions(),
        options.recordBytes());
    out.println(
        "| rtt ms | scenario | ordering | records/s | x baseline | CPU us/rec | x baseline"
            + " | calls/10k | throttled % | heap MiB | note |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (RunResult r : kinesis) {
      row(r, baseline(kinesis, r));
    }
    if (options.shardLimits()) {
      shards(kinesis);
    }
    heap(kinesis);
  }

  /**
   * Heap after the forced GC against the baseline of the same round trip, and what the sink task
   * held then: the difference over the buffered records is the sink's heap per buffered record
   * (payload included), the figure that says whether {@code kinesis.buffer.max.bytes} bounds it.
   */
  private void heap(List<RunResult> runs) {
    List<String> lines = new ArrayList<>();
    for (RunResult r : runs) {
      Optional<RunResult> base = baseline(runs, r);
      if (!r.ok() || !r.bufferAtGc().known() || base.isEmpty()) {
        continue;
      }
      long extra = r.heapAfterGc() - base.get().heapAfterGc();
      long buffered = r.bufferAtGc().bufferedRecords();
      lines.add(
          String.format(
              Locale.ROOT,
              "- %d ms %s: heap %.0f MiB (baseline %.0f MiB, %+.0f MiB); the task held %,d records"
                  + " (%.1f MiB by its count)%s",
              r.rttMillis(),
              r.scenario(),
              r.heapAfterGc() / MIB,
              base.get().heapAfterGc() / MIB,
              extra / MIB,
              buffered,
              r.bufferAtGc().bufferedBytes() / MIB,
              buffered > 0
                  ? String.format(Locale.ROOT, ": %,d heap bytes per held record", extra / buffered)
                  : ""));
    }
    if (!lines.isEmpty()) {
      out.println();
      out.println("Heap after a forced GC half way through each run, against the baseline:");
      lines.forEach(out::println);
    }
  }

  private void row(RunResult r, Optional<RunResult> baseline) {
    String scenario = Scenarios.base(r.scenario());
    String ordering = Scenarios.ordering(r.scenario());
    if (ordering == null) {
      ordering = scenario.equals(Scenarios.BASELINE) ? "-" : "default";
    }
    if (!r.ok()) {
      out.printf(
          Locale.ROOT,
          "| %d | %s | %s | - | - | - | - | - | - | - | %s |%n",
          r.rttMillis(),
          scenario,
          ordering,
          r.failure().replace('|', '/'));
      return;
    }
    String note =
        r.cutShort()
            ? String.format(
                Locale.ROOT, "cut short at %,d of %,d records", r.measured(), r.expected())
            : "";
    out.printf(
        Locale.ROOT,
        "| %d | %s | %s | %,.0f | %s | %.1f | %s | %.1f | %.1f | %.0f | %s |%n",
        r.rttMillis(),
        scenario,
        ordering,
        r.recordsPerSecond(),
        baseline.map(b -> ratio(r.recordsPerSecond(), b.recordsPerSecond())).orElse("-"),
        r.cpuNanosPerRecord() / 1_000,
        baseline.map(b -> ratio(r.cpuNanosPerRecord(), b.cpuNanosPerRecord())).orElse("-"),
        r.callsPer10k(),
        r.throttledShare() * 100,
        r.heapAfterGc() / MIB,
        note);
  }

  /** Per run: each shard's user records/s and how near its write limit it was held. */
  private void shards(List<RunResult> runs) {
    out.println();
    out.println(
        "Per shard, over the steady interval: user records/s (Kinesis records/s; share of the"
            + " shard's limit, the larger of records/1,000 and bytes/1 MiB; throttled entries)");
    for (RunResult r : runs) {
      if (!r.ok() || r.shards().isEmpty()) {
        continue;
      }
      double seconds = r.steadyNanos() / 1e9;
      List<String> cells = new ArrayList<>();
      for (ShardStats shard : r.shards()) {
        double records = shard.records() / seconds;
        double use =
            Math.max(
                records / SHARD_RECORDS_PER_SECOND,
                shard.bytes() / seconds / SHARD_BYTES_PER_SECOND);
        cells.add(
            String.format(
                Locale.ROOT,
                "%,.0f (%,.0f; %.0f%%; %,d)",
                shard.userRecords() / seconds,
                records,
                use * 100,
                shard.throttledEntries()));
      }
      out.printf(
          Locale.ROOT, "- %d ms %s: %s%n", r.rttMillis(), r.scenario(), String.join(" | ", cells));
    }
  }

  private static Optional<RunResult> baseline(List<RunResult> runs, RunResult r) {
    Optional<RunResult> found = Optional.empty();
    for (RunResult candidate : runs) {
      if (candidate.ok()
          && candidate.scenario().equals(Scenarios.BASELINE)
          && candidate.rttMillis() == r.rttMillis()) {
        found = Optional.of(candidate);
      }
    }
    return found;
  }

  private static String ratio(double value, double base) {
    return String.format(Locale.ROOT, "%.2fx", value / base);
  }
}
