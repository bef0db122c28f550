package io.kinesisbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end throughput harness of issue #3: the bundle's Kinesis sink in a real Connect worker
 * against an in-process Kinesis stub that acknowledges at once, so the sink is what is measured.
 *
 * <p>It pre-loads a topic, then for each scenario (the bare synchronous baseline, the sink with
 * aggregation off, on) creates a connector with one task, waits until the stub has all records and
 * reports records/s, CPU per record, PutRecords calls per 10,000 records and heap. See {@link
 * HarnessOptions#USAGE} for the arguments and benchmarks/README.md for how to run it.
 *
 * <p>With {@code source} as its first argument it runs the source benchmark instead, {@link
 * SourceLag}, with the arguments that follow ({@link SourceOptions#USAGE}); with {@code soak}, the
 * soak benchmark of all three connectors on one worker, {@link Soak} ({@link SoakOptions#USAGE}).
 *
 * <p>Exit status: 0 when every run finished (or was refused by the sink: an ordering it does not
 * have), 1 on bad arguments, 2 when a run failed.
 */
public final class SinkThroughput {

  static final String WARMUP = "warm-up";

  private SinkThroughput() {}

  /** Runs the harness; see {@link HarnessOptions#USAGE}. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("source")) {
      SourceLag.main(List.of(args).subList(1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("soak")) {
      Soak.main(List.of(args).subList(1, args.length));
      return;
    }
    HarnessOptions options;
    ResultTable table = new ResultTable(System.out);
    try {
      options = HarnessOptions.parse(args);
    } catch (IllegalArgumentException e) {
      table.progress(e.getMessage());
      System.exit(1);
      return;
    }
    List<RunResult> results = new ArrayList<>();
    table.header(options);
    try (BenchEnvironment env = BenchEnvironment.start(options)) {
      long loadStart = System.nanoTime();
      env.loadTopic(options);
      table.progress(
          String.format(
              Locale.ROOT, "topic loaded in %.1f s", (System.nanoTime() - loadStart) / 1e9));
      ScenarioRunner runner = new ScenarioRunner(env, options);
      boolean first = true;
      for (int rtt : options.rttMillis()) {
        for (String scenario : options.cells()) {
          runScenario(runner, scenario, rtt, first, options, table, results);
        }
        first = false;
      }
    }
    table.print(results);
    new RoundTripReport(System.out, options).print(results);
    System.exit(results.stream().allMatch(r -> r.ok() || r.refused()) ? 0 : 2);
  }

  /**
   * Runs {@code scenario} at round trip {@code rtt}: a warm-up first when {@code warmUp} (the JIT
   * needs one per scenario, not one per round trip), then the measured rounds.
   */
  private static void runScenario(
      ScenarioRunner runner,
      String scenario,
      int rtt,
      boolean warmUp,
      HarnessOptions options,
      ResultTable table,
      List<RunResult> results)
      throws InterruptedException {
    if (warmUp && options.warmupRecords() > 0) {
      RunResult warmup = runner.run(scenario, WARMUP, options.warmupRecords(), rtt);
      table.progress(summary(warmup));
      if (!warmup.ok() && !warmup.refused()) {
        results.add(warmup);
        return; // a scenario that cannot warm up will not measure either
      }
      // A refused setting is refused again, quickly, by each round: reported under its round trip.
    }
    for (int round = 1; round <= options.rounds(); round++) {
      String label =
          options.rttMillis().equals(List.of(0)) ? "round " + round : rtt + "ms r" + round;
      RunResult result = runner.run(scenario, label, options.records(), rtt);
      table.progress(summary(result));
      results.add(result);
      if (!result.ok()) {
        return;
      }
    }
  }

  private static String summary(RunResult r) {
    if (r.refused()) {
      return r.scenario() + " " + r.label() + ": " + r.failure();
    }
    if (!r.ok()) {
      return r.scenario() + " " + r.label() + ": FAILED: " + r.failure();
    }
    return String.format(
        Locale.ROOT,
        "%s %s: %,.0f records/s, %,.0f CPU ns/record, other processes %.2f cores%s",
        r.scenario(),
        r.label(),
        r.recordsPerSecond(),
        r.cpuNanosPerRecord(),
        r.otherCores(),
        r.cutShort()
            ? String.format(Locale.ROOT, " (cut short: %,d of %,d)", r.measured(), r.expected())
            : "");
  }
}
