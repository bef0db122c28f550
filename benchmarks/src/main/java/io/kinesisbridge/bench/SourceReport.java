package io.kinesisbridge.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints the source benchmark's results: one row per reader mode, then any count that does not add
 * up. {@link ResultTable} is shaped around the sink runs (CPU, calls, heap against a baseline), so
 * the source has its own, smaller table.
 */
final class SourceReport {

  private static final String ROW =
      "%-8s %7s %5s %10s %10s %6s %6s %6s %6s %6s %-10s %8s %8s %5s%n";

  private final PrintStream out;

  SourceReport(PrintStream out) {
    this.out = out;
  }

  void header(SourceOptions options) {
    out.printf(
        Locale.ROOT,
        "SourceLag: kinesis-mock stream of %d shards, %,d pre-loaded records of %d bytes, then"
            + " %d records/s for %d s (first %d s not measured), tasks.max=%d%n",
        options.shards(),
        options.records(),
        options.recordBytes(),
        options.rate(),
        options.duration().toSeconds(),
        options.warmup().toSeconds(),
        options.tasks());
    out.printf(
        Locale.ROOT,
        "JVM %s, %d cores; broker and worker share this process, kinesis-mock runs in Node%n",
        Runtime.version(),
        JvmProbe.cores());
  }

  void progress(String message) {
    out.println(message);
    out.flush();
  }

  void print(List<SourceResult> results) {
    out.println();
    out.printf(
        Locale.ROOT,
        ROW,
        "reader",
        "poll ms",
        "tasks",
        "records/s",
        "incl.start",
        "lag n",
        "p50",
        "p90",
        "p99",
        "max",
        "p99 target",
        "sent",
        "received",
        "dup");
    for (SourceResult r : results) {
      LatencyRecorder.Percentiles lag = r.lag();
      if (lag.count() == 0) {
        out.printf(
            Locale.ROOT,
            "%-8s %7s %5s FAILED, no lag measured (see below)%n",
            r.reader(),
            r.pollIntervalMs(),
            r.tasks());
        continue;
      }
      out.printf(
          Locale.ROOT,
          ROW,
          r.reader(),
          r.pollIntervalMs(),
          r.tasks(),
          String.format(Locale.ROOT, "%,.0f", r.recordsPerSecond()),
          String.format(Locale.ROOT, "%,.0f", r.recordsPerSecondWithStart()),
          lag.count(),
          lag.at(50),
          lag.at(90),
          lag.at(99),
          lag.max(),
          (SourceOptions.EFO.equals(r.reader()) ? "<" : "<=")
              + r.lagTargetMillis()
              + (r.meetsLagTarget() ? " met" : " MISSED"),
          r.preloaded() + r.liveSent(),
          r.preloadedReceived() + r.liveReceived(),
          r.duplicates());
    }
    out.println();
    out.println(
        "records/s: pre-loaded records over first to last arrival in Kafka; incl.start: from"
            + " connector creation. lag (ms): consumer wall time - PutRecords issue time, for"
            + " records sent after the warm-up. sent/received: distinct records, both phases;"
            + " dup: extra copies (at-least-once).");
    for (SourceResult r : results) {
      details(r);
    }
  }

  private void details(SourceResult r) {
    LatencyRecorder.Percentiles read = r.readLag();
    if (read.count() > 0) {
      out.printf(
          Locale.ROOT,
          "%s: lag from Kinesis arrival time (Kafka timestamp) to consumer: p50 %d, p90 %d,"
              + " p99 %d, max %d ms%n",
          r.reader(),
          read.at(50),
          read.at(90),
          read.at(99),
          read.max());
    }
    LatencyRecorder.Percentiles calls = r.putCalls();
    if (calls.count() > 0) {
      out.printf(
          Locale.ROOT,
          "%s: producer PutRecords calls %,d, p50 %d ms, p99 %d ms, max %d ms (part of the lag)%n",
          r.reader(),
          calls.count(),
          calls.at(50),
          calls.at(99),
          calls.max());
    }
    if (r.failure() != null) {
      out.println("!!! " + r.reader() + " FAILED: " + r.failure());
    }
    if (r.preloadedReceived() != r.preloaded()) {
      out.printf(
          Locale.ROOT,
          "!!! %s: throughput phase sent %,d records, Kafka received %,d: %,d MISSING%n",
          r.reader(),
          r.preloaded(),
          r.preloadedReceived(),
          r.preloaded() - r.preloadedReceived());
    }
    if (r.liveReceived() != r.liveSent()) {
      out.printf(
          Locale.ROOT,
          "!!! %s: lag phase sent %,d records, Kafka received %,d: %,d MISSING%n",
          r.reader(),
          r.liveSent(),
          r.liveReceived(),
          r.liveSent() - r.liveReceived());
    }
  }
}
