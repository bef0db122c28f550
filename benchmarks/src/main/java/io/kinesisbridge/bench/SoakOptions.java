package io.kinesisbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Options of {@link Soak}, given as {@code key=value} arguments after the word {@code soak} (a
 * leading {@code --} is allowed). Unknown keys fail fast, as in {@link HarnessOptions}.
 *
 * @param minutes how long the producer writes
 * @param rate records/s the producer writes to the input topic
 * @param recordBytes size of each record's value
 * @param keys distinct record keys, used in turn
 * @param partitions partitions of the input topic
 * @param shards shards of the kinesis-mock stream, partitions of the source's topic
 * @param sample time between two samples (one forced GC each)
 * @param window the last stretch of the run the flatness verdict is taken over
 * @param kinesisAggregation the Kinesis sink's {@code kinesis.aggregation.enabled}
 * @param out folder the CSV, the Markdown table and the PNG are written to
 * @param pluginPath the folder holding the unpacked bundle
 */
record SoakOptions(
    int minutes,
    int rate,
    int recordBytes,
    int keys,
    int partitions,
    int shards,
    Duration sample,
    int window,
    boolean kinesisAggregation,
    Path out,
    Path pluginPath) {

  static final String USAGE =
      """
      SinkThroughput soak [key=value ...]   (all three connectors on one worker for a long run)
        minutes=30              how long the producer writes
        rate=500                records/s written to the input topic
        record.bytes=200        record value size
        keys=1000               distinct record keys, in turn
        partitions=4            partitions of the input topic
        shards=4                shards of the kinesis-mock stream (and partitions of the source's topic)
        sample.s=60             seconds between samples (each forces a full GC)
        window=20               minutes at the end the flatness verdict looks at
        kinesis.aggregation=true  the Kinesis sink aggregates (kinesis-mock slows down as shards fill)
        out=target/soak         folder for soak.csv, soak.md and soak.png
        plugin.path=<dir>       unpacked bundle (default: -Dkinesisbridge.plugin.path)
      """;

  /** Parses {@code args}; throws IllegalArgumentException with the usage on a bad argument. */
  static SoakOptions parse(List<String> args) {
    Map<String, String> values = KeyValueArgs.parse(args, USAGE);
    SoakOptions options =
        new SoakOptions(
            positive(values.remove("minutes"), 30),
            positive(values.remove("rate"), 500),
            positive(values.remove("record.bytes"), 200),
            positive(values.remove("keys"), 1_000),
            positive(values.remove("partitions"), 4),
            positive(values.remove("shards"), 4),
            Duration.ofSeconds(positive(values.remove("sample.s"), 60)),
            positive(values.remove("window"), 20),
            booleanOf(values.remove("kinesis.aggregation"), true),
            Path.of(values.getOrDefault("out", "target/soak")),
            KeyValueArgs.pluginPath(values.remove("plugin.path")));
    values.remove("out");
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + values.keySet() + "\n" + USAGE);
    }
    return options;
  }

  private static int positive(String value, int defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + value + "\n" + USAGE, e);
    }
    if (parsed < 1) {
      throw new IllegalArgumentException("must be at least 1: " + value + "\n" + USAGE);
    }
    return parsed;
  }

  private static boolean booleanOf(String value, boolean defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("expected true or false, got " + value + "\n" + USAGE);
    }
    return Boolean.parseBoolean(value);
  }
}
