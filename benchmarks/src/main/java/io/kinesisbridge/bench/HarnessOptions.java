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
 * @param rttMillis the stub's round trips to run every scenario at, in order (a sweep)
 * @param rttJitterMillis the largest random extra delay on top of each round trip
 * @param shardLimits whether the stub enforces each shard's write limits (1 MiB/s, 1,000 rec/s)
 * @param keys distinct partition keys in the topic; 0: every record has its own
 * @param hotKeyShare share (0 to 1) of records that carry one hot key; the rest spread over the
 *     other keys
 * @param orderings values of {@code kinesis.ordering} to cross the bundle's Kinesis sink scenarios
 *     with; empty: the sink's default, nothing passed
 * @param maxSeconds longest a run may deliver before it is cut short and its rate taken over what
 *     arrived (0: no cap, wait for all records)
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
    Map<String, String> workerOverrides,
    List<Integer> rttMillis,
    int rttJitterMillis,
    boolean shardLimits,
    long keys,
    double hotKeyShare,
    List<String> orderings,
    long maxSeconds) {

  /** The values of {@code kinesis.ordering} the harness knows to ask for. */
  static final List<String> ORDERINGS = List.of("none", "per-partition", "per-key");

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
        rtt.ms=0                stub round trip per call; a list (rtt.ms=0,10,25,50) runs every
                                scenario at each, in that order (warm-up at the first only)
        rtt.jitter.ms=0         random extra delay per call, 0 to this
        shard.limits=false      stub enforces 1 MiB/s and 1,000 records/s per shard
        keys=0                  distinct partition keys in the topic (0: one per record)
        hot.key.share=0         share of records carrying one hot key (e.g. 0.5)
        orderings=              kinesis.ordering values to cross the bundle's Kinesis sink with,
                                e.g. none,per-partition,per-key (empty: the sink's default)
        max.seconds=0           cut a run short after this long and report the rate over what
                                arrived (0: wait for all records)
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
    Map<String, String> values = KeyValueArgs.parse(Arrays.asList(args), USAGE);
    Map<String, String> sink = takePrefixed(values, "sink.");
    Map<String, String> worker = takePrefixed(values, "worker.");
    HarnessOptions options =
        new HarnessOptions(
            KeyValueArgs.nonNegative(values.remove("records"), 1_000_000),
            KeyValueArgs.nonNegative(values.remove("warmup"), 200_000),
            (int) KeyValueArgs.nonNegative(values.remove("rounds"), 1),
            (int) KeyValueArgs.nonNegative(values.remove("partitions"), 4),
            (int) KeyValueArgs.nonNegative(values.remove("shards"), 4),
            (int) KeyValueArgs.nonNegative(values.remove("record.bytes"), 100),
            scenariosOf(values.remove("scenarios")),
            Duration.ofSeconds(KeyValueArgs.nonNegative(values.remove("timeout.s"), 600)),
            Boolean.parseBoolean(values.getOrDefault("check.aggregates", "false")),
            KeyValueArgs.pluginPath(values.remove("plugin.path")),
            Map.copyOf(sink),
            Map.copyOf(worker),
            rttsOf(values.remove("rtt.ms")),
            (int) KeyValueArgs.nonNegative(values.remove("rtt.jitter.ms"), 0),
            booleanOf(values.remove("shard.limits")),
            KeyValueArgs.nonNegative(values.remove("keys"), 0),
            shareOf(values.remove("hot.key.share")),
            orderingsOf(values.remove("orderings")),
            KeyValueArgs.nonNegative(values.remove("max.seconds"), 0));
    values.remove("check.aggregates");
    if (options.hotKeyShare() > 0 && options.keys() == 1) {
      throw new IllegalArgumentException("hot.key.share needs keys=0 or keys of at least 2");
    }
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + values.keySet() + "\n" + USAGE);
    }
    return options;
  }

  /** Removes the keys starting with {@code prefix} from {@code values}, returned without it. */
  private static Map<String, String> takePrefixed(Map<String, String> values, String prefix) {
    Map<String, String> taken = new LinkedHashMap<>();
    values
        .entrySet()
        .removeIf(
            entry -> {
              if (!entry.getKey().startsWith(prefix)) {
                return false;
              }
              taken.put(entry.getKey().substring(prefix.length()), entry.getValue());
              return true;
            });
    return taken;
  }

  private static boolean booleanOf(String value) {
    if (value == null) {
      return false;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("expected true or false, got '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  private static double shareOf(String value) {
    if (value == null) {
      return 0;
    }
    double share = Double.parseDouble(value);
    if (!(share >= 0 && share < 1)) {
      throw new IllegalArgumentException("hot.key.share must be at least 0 and below 1: " + value);
    }
    return share;
  }

  private static List<Integer> rttsOf(String value) {
    if (value == null) {
      return List.of(0);
    }
    List<Integer> rtts = new ArrayList<>();
    for (String part : value.split(",")) {
      rtts.add((int) KeyValueArgs.nonNegative(part.trim(), 0));
    }
    return List.copyOf(rtts);
  }

  private static List<String> orderingsOf(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> orderings = new ArrayList<>();
    for (String part : value.split(",")) {
      String ordering = part.trim();
      if (!ORDERINGS.contains(ordering)) {
        throw new IllegalArgumentException(
            "unknown ordering '" + ordering + "'; known: " + ORDERINGS);
      }
      orderings.add(ordering);
    }
    return List.copyOf(orderings);
  }

  /**
   * The runs of one round trip, in order: each scenario, and each Kinesis sink scenario once per
   * ordering when orderings are given (named {@code sink@per-key}, see {@link Scenarios#variant}).
   */
  List<String> cells() {
    List<String> cells = new ArrayList<>();
    for (String scenario : scenarios) {
      if (orderings.isEmpty() || !Scenarios.takesOrdering(scenario)) {
        cells.add(scenario);
      } else {
        orderings.forEach(ordering -> cells.add(Scenarios.variant(scenario, ordering)));
      }
    }
    return cells;
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
}
