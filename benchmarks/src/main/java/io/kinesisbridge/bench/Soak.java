package io.kinesisbridge.bench;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The soak benchmark of issue 13 (not run in CI): all three connectors of the bundle at once on ONE
 * Connect worker in this JVM, under a steady load for a long time, sampled once a minute.
 *
 * <ul>
 *   <li>a producer writes {@code rate} records/s to {@code soak-records};
 *   <li>the Kinesis sink copies that topic into a kinesis-mock stream, and the Kinesis source
 *       copies the stream back into the topic {@code soak-from-kinesis};
 *   <li>the Firehose sink copies the same input topic into testkit's Firehose endpoint, which
 *       delivers into an in-memory S3 server.
 * </ul>
 *
 * <p>Every sample forces a full GC and records heap used after it, live threads, open file
 * descriptors, each connector's records/s over the interval (task gauges over JMX) and the lags
 * (sink consumer groups through an admin client, the source's {@code max-millis-behind-latest}).
 * The worker is in-process, so those figures are the worker's plus the broker's, the Firehose and
 * S3 fixtures' and the harness's own; kinesis-mock is a Node child process, sampled apart (RSS). At
 * the end: {@code soak.csv}, {@code soak.md}, {@code soak.png} in {@code out}, and whether heap,
 * threads and descriptors stayed flat ({@link Flatness}) over the last {@code window} minutes.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests -Pharness \
 *   -Dharness.args="soak minutes=30 rate=500 out=../docs"
 * </pre>
 *
 * <p>Exit status: 0 when the run ended with every connector running and every record delivered, 1
 * on bad arguments, 2 otherwise (a failure is also noted in the sample that saw it).
 */
final class Soak {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

  private Soak() {}

  static void main(List<String> args) throws InterruptedException {
    SoakReport report = new SoakReport(System.out);
    SoakOptions options;
    try {
      options = SoakOptions.parse(args);
    } catch (IllegalArgumentException e) {
      report.progress(e.getMessage());
      System.exit(1);
      return;
    }
    boolean ok;
    try (SoakEnvironment env = SoakEnvironment.start(options)) {
      ok = run(env, options, report);
    }
    System.exit(ok ? 0 : 2);
  }

  private static boolean run(SoakEnvironment env, SoakOptions options, SoakReport report)
      throws InterruptedException {
    env.createDestinations(options);
    createConnectors(env, options);
    String notRunning = awaitRunning(env);
    if (notRunning != null) {
      report.progress("!!! connectors did not start: " + notRunning);
      return false;
    }
    report.progress("three connectors running; producing for " + options.minutes() + " min");
    Duration duration = Duration.ofMinutes(options.minutes());
    List<SoakSample> samples = new ArrayList<>();
    boolean ok;
    try (SteadyTopicProducer producer =
        new SteadyTopicProducer(
            env.connect().kafka().bootstrapServers(),
            SoakEnvironment.INPUT_TOPIC,
            options.rate(),
            duration,
            options.keys(),
            options.recordBytes())) {
      SoakSampler sampler = new SoakSampler(env, options, producer);
      SoakSample first = sampler.sample(0);
      samples.add(first);
      report.progress(first);
      Thread thread = new Thread(producer, "soak-producer");
      long start = System.nanoTime();
      thread.start();
      long sampleNanos = options.sample().toNanos();
      for (long k = 1; k * sampleNanos <= duration.toNanos(); k++) {
        sleepUntil(start + k * sampleNanos);
        SoakSample sample = sampler.sample(k * sampleNanos / 60e9);
        samples.add(sample);
        report.progress(sample);
      }
      thread.join();
      ok = producer.failure() == null;
      List<String> summary = new ArrayList<>(drain(env, options, producer.acknowledged()));
      ok &= summary.stream().noneMatch(line -> line.startsWith("NOT"));
      for (Flatness flatness : SoakReport.verdicts(samples, options.window())) {
        summary.add(flatness.verdict());
      }
      ok &= samples.stream().allMatch(s -> s.note().isEmpty());
      summary.forEach(report::progress);
      Path out = options.out().toAbsolutePath().normalize();
      report.write(out, options, samples, summary);
      report.progress("wrote soak.csv, soak.md and soak.png into " + out);
    }
    return ok;
  }

  private static void createConnectors(SoakEnvironment env, SoakOptions options) {
    Map<String, String> common = new HashMap<>();
    common.put("tasks.max", "1");
    common.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    common.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");

    Map<String, String> kinesisSink = new HashMap<>(common);
    kinesisSink.putAll(env.kinesisSettings());
    kinesisSink.put("connector.class", Scenarios.SINK_CLASS);
    kinesisSink.put("topics", SoakEnvironment.INPUT_TOPIC);
    kinesisSink.put("kinesis.stream.name", SoakEnvironment.STREAM);
    kinesisSink.put("kinesis.aggregation.enabled", String.valueOf(options.kinesisAggregation()));
    env.connect().configureConnector(SoakSampler.KINESIS_SINK, kinesisSink);

    Map<String, String> firehoseSink = new HashMap<>(common);
    firehoseSink.putAll(env.firehose().endpointSettings(SoakEnvironment.DELIVERY_STREAM));
    firehoseSink.put("connector.class", Scenarios.FIREHOSE_SINK_CLASS);
    firehoseSink.put("topics", SoakEnvironment.INPUT_TOPIC);
    env.connect().configureConnector(SoakSampler.FIREHOSE_SINK, firehoseSink);

    Map<String, String> source = new HashMap<>(common);
    source.putAll(env.kinesisSettings());
    source.put("connector.class", SourceEnvironment.SOURCE_CLASS);
    source.put("kinesis.stream.name", SoakEnvironment.STREAM);
    source.put("kafka.topic", SoakEnvironment.SOURCE_TOPIC);
    env.connect().configureConnector(SoakSampler.SOURCE, source);
  }

  /** Waits until the three connectors and their tasks run; returns what did not, or null. */
  private static String awaitRunning(SoakEnvironment env) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String missing = null;
    while (System.nanoTime() < deadline) {
      missing = null;
      for (String name :
          List.of(SoakSampler.KINESIS_SINK, SoakSampler.FIREHOSE_SINK, SoakSampler.SOURCE)) {
        String failure = ConnectorFailure.of(env.connect(), name);
        if (failure != null) {
          return name + ": " + failure;
        }
        if (!running(env, name)) {
          missing = name + " not running yet";
        }
      }
      if (missing == null) {
        return null;
      }
      Thread.sleep(500);
    }
    return missing;
  }

  private static boolean running(SoakEnvironment env, String name) {
    try {
      ConnectorStateInfo status = env.connect().connectorStatus(name);
      return "RUNNING".equals(status.connector().state())
          && !status.tasks().isEmpty()
          && status.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * After the producer stopped: waits until both sinks acknowledged and the source copied at least
   * every produced record (at least once allows more), and says how long that took.
   */
  private static List<String> drain(SoakEnvironment env, SoakOptions options, long produced)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + DRAIN_TIMEOUT.toNanos();
    Totals totals = Totals.read(env, options);
    while (!totals.caughtUp(produced) && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      totals = Totals.read(env, options);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String state =
        totals.caughtUp(produced)
            ? String.format(Locale.ROOT, "all delivered %.0f s after the producer stopped", seconds)
            : String.format(
                Locale.ROOT, "NOT all delivered %.0f s after the producer stopped", seconds);
    String line =
        String.format(
            Locale.ROOT,
            "%s: produced %,d; Kinesis sink acknowledged %,d, Firehose sink %,d (endpoint: %,d),"
                + " source delivered %,d (its topic holds %,d)",
            state,
            produced,
            totals.kinesisSink(),
            totals.firehoseSink(),
            totals.firehoseEndpoint(),
            totals.source(),
            totals.sourceTopic());
    return List.of(line);
  }

  /** What each connector delivered in the whole run. */
  private record Totals(
      long kinesisSink, long firehoseSink, long firehoseEndpoint, long source, long sourceTopic) {

    static Totals read(SoakEnvironment env, SoakOptions options) {
      return new Totals(
          TaskGauges.sum(
              TaskGauges.KINESIS_SINK, SoakSampler.KINESIS_SINK, "records-acknowledged-total"),
          TaskGauges.sum(
              TaskGauges.FIREHOSE_SINK, SoakSampler.FIREHOSE_SINK, "records-acknowledged-total"),
          env.firehose().received(SoakEnvironment.DELIVERY_STREAM),
          TaskGauges.sum(TaskGauges.KINESIS_SOURCE, SoakSampler.SOURCE, "records-delivered"),
          ConsumerLag.endOffsets(env.admin(), SoakEnvironment.SOURCE_TOPIC, options.shards()));
    }

    boolean caughtUp(long produced) {
      return kinesisSink >= produced && firehoseSink >= produced && sourceTopic >= produced;
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left = nanos - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }
}
