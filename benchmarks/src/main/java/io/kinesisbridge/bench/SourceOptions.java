package io.kinesisbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Options of {@link SourceLag}, given as {@code key=value} arguments after the word {@code source}
 * (a leading {@code --} is allowed). Unknown keys fail fast, as in {@link HarnessOptions}.
 *
 * @param readers reader modes to run, in order ({@code polling}, {@code efo})
 * @param pollIntervalMs the connector's {@code kinesis.poll.interval.ms}
 * @param tasks the connector's {@code tasks.max}
 * @param shards shards of the stream and partitions of the topic
 * @param records records pre-loaded into the stream for the throughput phase
 * @param recordBytes size of each record's data (the first 16 bytes carry an index and a time)
 * @param rate records/s the producer puts during the lag phase
 * @param duration length of the lag phase
 * @param warmup start of the lag phase left out of the lag figures
 * @param timeout longest each phase may wait for records to reach Kafka
 * @param pluginPath the folder holding the unpacked bundle
 */
record SourceOptions(
    List<String> readers,
    long pollIntervalMs,
    int tasks,
    int shards,
    int records,
    int recordBytes,
    int rate,
    Duration duration,
    Duration warmup,
    Duration timeout,
    Path pluginPath) {

  static final String POLLING = "polling";
  static final String EFO = "efo";

  /** Bytes of the index and send time at the start of every record's data. */
  static final int STAMP_BYTES = 16;

  static final String USAGE =
      """
      SinkThroughput source [key=value ...]   (Kinesis source: records/s and end-to-end lag)
        reader=polling          reader mode(s), comma-separated: polling, efo
        poll.interval.ms=1000   kinesis.poll.interval.ms of the connector
        tasks=1                 tasks.max of the connector
        shards=4                shards of the kinesis-mock stream, partitions of the topic
        records=20000           records pre-loaded for the throughput phase
        record.bytes=100        record data size (at least 16)
        rate=200                records/s put during the lag phase (kinesis-mock manages ~2,000)
        duration.s=60           length of the lag phase
        warmup.s=5              first seconds of the lag phase left out of the lag figures
        timeout.s=300           longest wait for records to reach Kafka, per phase
        plugin.path=<dir>       unpacked bundle (default: -Dkinesisbridge.plugin.path)
      """;

  /** Parses {@code args}; throws IllegalArgumentException with the usage on a bad argument. */
  static SourceOptions parse(List<String> args) {
    Map<String, String> values = KeyValueArgs.parse(args, USAGE);
    SourceOptions options =
        new SourceOptions(
            readersOf(values.remove("reader")),
            KeyValueArgs.nonNegative(values.remove("poll.interval.ms"), 1_000),
            intOf(values.remove("tasks"), 1),
            intOf(values.remove("shards"), 4),
            intOf(values.remove("records"), 20_000),
            intOf(values.remove("record.bytes"), 100),
            intOf(values.remove("rate"), 200),
            Duration.ofSeconds(KeyValueArgs.nonNegative(values.remove("duration.s"), 60)),
            Duration.ofSeconds(KeyValueArgs.nonNegative(values.remove("warmup.s"), 5)),
            Duration.ofSeconds(KeyValueArgs.nonNegative(values.remove("timeout.s"), 300)),
            KeyValueArgs.pluginPath(values.remove("plugin.path")));
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + values.keySet() + "\n" + USAGE);
    }
    if (options.recordBytes < STAMP_BYTES) {
      throw new IllegalArgumentException("record.bytes must be at least " + STAMP_BYTES);
    }
    if (options.rate < 1 || options.tasks < 1 || options.shards < 1) {
      throw new IllegalArgumentException("rate, tasks and shards must be at least 1");
    }
    return options;
  }

  /** Records the producer puts during the lag phase. */
  long lagRecords() {
    return rate * duration.toSeconds();
  }

  private static List<String> readersOf(String value) {
    if (value == null) {
      return List.of(POLLING);
    }
    List<String> readers = new ArrayList<>(Arrays.asList(value.split(",")));
    readers.replaceAll(String::trim);
    for (String reader : readers) {
      if (!reader.equals(POLLING) && !reader.equals(EFO)) {
        throw new IllegalArgumentException(
            "unknown reader '" + reader + "'; known: polling, efo\n" + USAGE);
      }
    }
    return List.copyOf(readers);
  }

  private static int intOf(String value, int defaultValue) {
    return Math.toIntExact(KeyValueArgs.nonNegative(value, defaultValue));
  }
}
