package io.kinesisbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@link SinkThroughput}, given as {@code key=value} arguments (a leading {@code --} is
 * allowed). Unknown keys fail fast, so a typo never silently runs the defaults.
 *
 * @param records records loaded into the topic and awaited per run
 * @param warmupRecords records of an unreported warm-up run per scenario (0: none), so the JIT has
 *     compiled Connect's and the SDK's paths before the measured run
 * @param rounds measured runs per scenario
 * @param partitions partitions of the topic
 * @param shards shards of each stub stream
 * @param recordBytes size of each record value
 * @param scenarios names from {@link Scenarios}, in run order
 * @param timeout longest a run may take before it is reported as failed
 * @param checkAggregates whether the stub decodes aggregates and counts misrouted user records
 * @param pluginPath the folder holding the unpacked bundle
 * @param sinkOverrides extra settings for the bundle's sink ({@code sink.<key>=<value>})
 * @param workerOverrides extra worker settings ({@code worker.<key>=<value>})
 */
record HarnessOptions(
    long records,
    long warmupRecords,
    int rounds,
    int partitions,
    int shards,
    int recordBytes,
    List<String> scenarios,
    Duration timeout,
    boolean checkAggregates,
    Path pluginPath,
    Map<String, String> sinkOverrides,
    Map<String, String> workerOverrides) {

  /** System property the build sets to the folder the bundle zip is unpacked into. */
  static final String PLUGIN_PATH_PROPERTY = "kinesisbridge.plugin.path";

  static final String USAGE =
      """
      SinkThroughput [key=value ...]
        records=1000000         records per measured run (loaded once into the topic)
        warmup=200000           records of an unreported warm-up run per scenario, 0 for none
        rounds=1                measured runs per scenario
        partitions=4            topic partitions
        shards=4                shards of each Kinesis stub stream
        record.bytes=100        record value size
        scenarios=baseline,sink,sink-aggregated
                                or any of firehose-baseline,firehose,firehose-packed
        timeout.s=600           per run
        check.aggregates=false  stub decodes aggregates and counts user records on a wrong shard
        plugin.path=<dir>       unpacked bundle (default: -Dkinesisbridge.plugin.path)
        sink.<key>=<value>      extra setting for the bundle's sinks, e.g. sink.kinesis.linger.ms=50
                                (kinesis.* keys skip the Firehose sink, firehose.* the Kinesis one)
        worker.<key>=<value>    extra worker setting, e.g. worker.consumer.max.poll.records=2000
      SinkThroughput source [key=value ...]
                                the Kinesis source's records/s and lag instead, e.g.
                                source reader=polling poll.interval.ms=200 (see SourceOptions)
      """;

  /** Parses {@code args}; throws IllegalArgumentException with the usage on a bad argument. */
  static HarnessOptions parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> sink = new LinkedHashMap<>();
    Map<String, String> worker = new LinkedHashMap<>();
    for (String arg : args) {
      String token = arg.startsWith("--") ? arg.substring(2) : arg;
      int eq = token.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got '" + arg + "'\n" + USAGE);
      }
      String key = token.substring(0, eq);
      String value = token.substring(eq + 1);
      if (key.startsWith("sink.")) {
        sink.put(key.substring("sink.".length()), value);
      } else if (key.startsWith("worker.")) {
        worker.put(key.substring("worker.".length()), value);
      } else {
        values.put(key, value);
      }
    }
    HarnessOptions options =
        new HarnessOptions(
            longOf(values.remove("records"), 1_000_000),
            longOf(values.remove("warmup"), 200_000),
            (int) longOf(values.remove("rounds"), 1),
            (int) longOf(values.remove("partitions"), 4),
            (int) longOf(values.remove("shards"), 4),
            (int) longOf(values.remove("record.bytes"), 100),
            scenariosOf(values.remove("scenarios")),
            Duration.ofSeconds(longOf(values.remove("timeout.s"), 600)),
            Boolean.parseBoolean(values.getOrDefault("check.aggregates", "false")),
            pluginPathOf(values.remove("plugin.path")),
            Map.copyOf(sink),
            Map.copyOf(worker));
    values.remove("check.aggregates");
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + values.keySet() + "\n" + USAGE);
    }
    return options;
  }

  private static long longOf(String value, long defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    long parsed = Long.parseLong(value.replace("_", "").replace(",", ""));
    if (parsed < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    return parsed;
  }

  private static List<String> scenariosOf(String value) {
    if (value == null) {
      return Scenarios.KINESIS_NAMES;
    }
    List<String> names = new ArrayList<>(Arrays.asList(value.split(",")));
    names.replaceAll(String::trim);
    for (String name : names) {
      if (!Scenarios.NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "unknown scenario '" + name + "'; known: " + Scenarios.NAMES);
      }
    }
    return List.copyOf(names);
  }

  private static Path pluginPathOf(String value) {
    String path = value != null ? value : System.getProperty(PLUGIN_PATH_PROPERTY);
    if (path == null) {
      throw new IllegalArgumentException(
          "no plugin.path: pass plugin.path=<dir> or -D"
              + PLUGIN_PATH_PROPERTY
              + " (the Maven profile 'harness' sets it)");
    }
    return Path.of(path);
  }
}
