package io.kinesisbridge.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The soak's outputs: progress lines, {@code soak.csv} (every sample), {@code soak.md} (the table,
 * the flatness verdict) and {@code soak.png} ({@link SoakPlot}).
 */
final class SoakReport {

  /** Heap may grow by this share of its first value in the window (at least {@link #HEAP_MIN}). */
  private static final double HEAP_SHARE = 0.05;

  private static final double HEAP_MIN = 4;
  private static final double THREADS_TOLERANCE = 2;
  private static final double FDS_TOLERANCE = 4;

  private final PrintStream out;

  SoakReport(PrintStream out) {
    this.out = out;
  }

  void progress(String line) {
    out.println("[soak] " + line);
    out.flush();
  }

  void progress(SoakSample s) {
    progress(
        String.format(
            Locale.ROOT,
            "minute %5.1f: heap after GC %.1f MiB, %d threads, %d fds; records/s produced %.0f,"
                + " kinesis sink %.0f, firehose sink %.0f, source %.0f; lag %d / %d records,"
                + " source %d ms behind; kinesis-mock RSS %.0f MiB; cores: JVM %.2f,"
                + " machine %.2f%s",
            s.minute(),
            s.heapAfterGcMiB(),
            s.threads(),
            s.fds(),
            s.producedPerSecond(),
            s.kinesisSinkPerSecond(),
            s.firehoseSinkPerSecond(),
            s.sourcePerSecond(),
            s.kinesisSinkLag(),
            s.firehoseSinkLag(),
            s.sourceMillisBehind(),
            s.kinesisMockRssMiB(),
            s.jvmCores(),
            s.machineCores(),
            s.note().isEmpty() ? "" : " !!! " + s.note()));
  }

  /** The flatness of heap after GC, threads and file descriptors over the last window minutes. */
  static List<Flatness> verdicts(List<SoakSample> samples, int windowMinutes) {
    List<SoakSample> running = samples.stream().filter(s -> s.minute() > 0).toList();
    List<SoakSample> measured = running.size() >= 2 ? running : samples;
    double heapTolerance = Math.max(HEAP_MIN, HEAP_SHARE * measured.get(0).heapAfterGcMiB());
    return List.of(
        Flatness.of(
            "heap after GC",
            "MiB",
            measured,
            SoakSample::heapAfterGcMiB,
            windowMinutes,
            heapTolerance),
        Flatness.of(
            "live threads",
            "threads",
            measured,
            SoakSample::threads,
            windowMinutes,
            THREADS_TOLERANCE),
        Flatness.of(
            "open file descriptors",
            "fds",
            measured,
            SoakSample::fds,
            windowMinutes,
            FDS_TOLERANCE));
  }

  /** Writes soak.csv, soak.md and soak.png into {@code dir}; returns the Markdown. */
  String write(Path dir, SoakOptions options, List<SoakSample> samples, List<String> summary) {
    List<String> csv = new ArrayList<>();
    csv.add(SoakSample.CSV_HEADER);
    samples.forEach(s -> csv.add(s.csv()));
    String markdown = markdown(options, samples, summary);
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("soak.csv"), csv);
      Files.writeString(dir.resolve("soak.md"), markdown);
      SoakPlot.write(dir.resolve("soak.png"), samples, options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the soak results into " + dir, e);
    }
    return markdown;
  }

  private static String markdown(
      SoakOptions options, List<SoakSample> samples, List<String> summary) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Soak: %d min at %,d records/s of %d B, %,d keys, %d partitions, %d shards,"
                + " Kinesis sink aggregation %s; one sample every %d s.%n%n",
            options.minutes(),
            options.rate(),
            options.recordBytes(),
            options.keys(),
            options.partitions(),
            options.shards(),
            options.kinesisAggregation() ? "on" : "off",
            options.sample().toSeconds()));
    md.append(
        "| minute | heap after GC MiB | threads | open fds | produced/s | Kinesis sink/s |"
            + " Firehose sink/s | source/s | Kinesis sink lag | Firehose sink lag |"
            + " source ms behind | kinesis-mock RSS MiB | cores JVM / machine | note |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (SoakSample s : samples) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %d | %d | %.0f | %.0f | %.0f | %.0f | %,d | %,d | %,d | %.0f | %.2f / %.2f | %s |%n",
              minute(s.minute()),
              s.heapAfterGcMiB(),
              s.threads(),
              s.fds(),
              s.producedPerSecond(),
              s.kinesisSinkPerSecond(),
              s.firehoseSinkPerSecond(),
              s.sourcePerSecond(),
              s.kinesisSinkLag(),
              s.firehoseSinkLag(),
              s.sourceMillisBehind(),
              s.kinesisMockRssMiB(),
              s.jvmCores(),
              s.machineCores(),
              s.note()));
    }
    md.append('\n');
    for (String line : summary) {
      md.append("- ").append(line).append('\n');
    }
    return md.toString();
  }

  /** Whole minutes as such, a shorter sample interval's as 0.25 or 1.5. */
  private static String minute(double minute) {
    return java.math.BigDecimal.valueOf(Math.round(minute * 100) / 100.0)
        .stripTrailingZeros()
        .toPlainString();
  }
}
