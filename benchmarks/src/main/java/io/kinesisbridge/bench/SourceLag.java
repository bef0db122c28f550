package io.kinesisbridge.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end benchmark of the Kinesis source (Kinesis -> Kafka): records/s and lag per reader
 * mode, with the bundle's source in a real Connect worker reading from kinesis-mock.
 *
 * <p>Per reader mode ({@code reader=polling}, {@code reader=efo}, or both comma-separated) it
 * creates a stream, topic and connector ({@link SourceRun}): first the throughput phase, records/s
 * for draining a pre-loaded stream; then the lag phase, records put at a steady rate, each stamped
 * with the time its PutRecords call was issued, and the lag to the consumer of the topic (p50, p90,
 * p99, max), against the target: at most poll interval + 200 ms when polling, under 200 ms
 * with enhanced fan-out. kinesis-mock is slow (about 2,000 records/s), so the records/s figure is
 * the emulator's as much as the connector's; the lag is the point.
 *
 * <p>Run through the harness profile, as {@code SinkThroughput source [key=value ...]}:
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests -Pharness \
 *   -Dharness.args="source reader=polling poll.interval.ms=200"
 * </pre>
 *
 * <p>See {@link SourceOptions#USAGE} for the arguments. Exit status: 0 when every run finished with
 * all records in Kafka, 1 on bad arguments, 2 otherwise.
 */
final class SourceLag {

  private SourceLag() {}

  static void main(List<String> args) throws InterruptedException {
    SourceReport report = new SourceReport(System.out);
    SourceOptions options;
    try {
      options = SourceOptions.parse(args);
    } catch (IllegalArgumentException e) {
      report.progress(e.getMessage());
      System.exit(1);
      return;
    }
    report.header(options);
    List<SourceResult> results = new ArrayList<>();
    try (SourceEnvironment env = SourceEnvironment.start(options)) {
      int run = 0;
      for (String reader : options.readers()) {
        SourceResult result = new SourceRun(env, options, reader, ++run, report::progress).run();
        if (result.failure() != null) {
          report.progress("!!! " + reader + " FAILED: " + result.failure());
        }
        results.add(result);
      }
    }
    report.print(results);
    System.exit(results.stream().allMatch(SourceResult::ok) ? 0 : 2);
  }
}
