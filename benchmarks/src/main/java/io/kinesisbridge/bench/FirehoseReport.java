package io.kinesisbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines of the Firehose part of the results (issue #5): billed 5 KB units against the payload
 * per run, then the targets for the packed sink. {@link ResultTable} prints them.
 */
final class FirehoseReport {

  static final double MIN_PACKED_RECORDS_PER_SECOND = 100_000;
  static final double MAX_PACKED_BILLED_RATIO = 1.05;
  static final double MAX_CPU_RATIO = 1.2;

  private static final String ROW = "%-18s %-9s %10s %10s %12s %12s %9s %-8s %s";

  private FirehoseReport() {}

  /** Billing per run that has it; empty when no Firehose scenario ran. */
  static List<String> billing(List<RunResult> results) {
    List<String> lines = new ArrayList<>();
    for (RunResult r : results) {
      if (!r.ok() || r.billing() == null) {
        continue;
      }
      if (lines.isEmpty()) {
        lines.add("");
        lines.add("Firehose billing (per 10,000 Kafka records; a unit is 5,120 bytes):");
        lines.add(
            String.format(
                Locale.ROOT,
                ROW,
                "scenario",
                "run",
                "calls/10k",
                "recs/10k",
                "payload u",
                "billed u",
                "billed/p",
                "source",
                "check"));
      }
      Billing b = r.billing();
      lines.add(
          String.format(
              Locale.ROOT,
              ROW,
              r.scenario(),
              r.label(),
              String.format(Locale.ROOT, "%.1f", r.callsPer10k()),
              String.format(Locale.ROOT, "%.1f", r.kinesisRecordsPer10k()),
              String.format(Locale.ROOT, "%,.1f", per10kUnits(b.payloadBytes(), r)),
              b.billedBytes() < 0
                  ? "?"
                  : String.format(Locale.ROOT, "%,.1f", per10kUnits(b.billedBytes(), r)),
              b.billedBytes() < 0 ? "?" : String.format(Locale.ROOT, "%.3fx", b.ratio()),
              b.source(),
              b.check()));
    }
    return lines;
  }

  /** Whether the packed sink met issue #5's targets, given its baseline (may be null). */
  static List<String> targets(RunResult packed, RunResult baseline) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Issue #5 targets for " + packed.scenario() + ":");
    lines.add(
        verdict(
            String.format(
                Locale.ROOT,
                "records/s %,.0f (>= %,.0f)",
                packed.recordsPerSecond(),
                MIN_PACKED_RECORDS_PER_SECOND),
            packed.recordsPerSecond() >= MIN_PACKED_RECORDS_PER_SECOND));
    Billing b = packed.billing();
    if (b != null && b.billedBytes() >= 0) {
      lines.add(
          verdict(
              String.format(
                  Locale.ROOT,
                  "billed/payload %.3fx (<= %.2fx)",
                  b.ratio(),
                  MAX_PACKED_BILLED_RATIO),
              b.ratio() <= MAX_PACKED_BILLED_RATIO));
    }
    if (baseline != null) {
      double ratio = packed.cpuNanosPerRecord() / baseline.cpuNanosPerRecord();
      lines.add(
          verdict(
              String.format(
                  Locale.ROOT, "CPU/record %.2fx of the baseline (<= %.1fx)", ratio, MAX_CPU_RATIO),
              ratio <= MAX_CPU_RATIO));
    }
    return lines;
  }

  private static String verdict(String what, boolean met) {
    return "  " + what + ": " + (met ? "met" : "MISSED");
  }

  private static double per10kUnits(long bytes, RunResult r) {
    return bytes / (double) Billing.UNIT_BYTES * 10_000.0 / r.expected();
  }
}
