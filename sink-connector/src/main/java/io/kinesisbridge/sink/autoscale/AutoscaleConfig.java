package io.kinesisbridge.sink.autoscale;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Autoscaling} config group of the Kinesis sink: opt-in shard auto-scaling of a
 * provisioned stream. Single values are checked by the ConfigDef; {@link #problems} checks the keys
 * against each other for {@code validate()}.
 */
public final class AutoscaleConfig {

  /** The group name shown in UIs and in the rendered config reference. */
  public static final String GROUP = "Autoscaling";

  private static final String PREFIX = "kinesis.autoscale.";

  public static final String ENABLED_CONFIG = PREFIX + "enabled";
  private static final String ENABLED_DOC =
      "Keep the stream's shard count matched to its write load with UpdateShardCount"
          + " (UNIFORM_SCALING), within Kinesis's limits: at most double or half the open shards"
          + " per change, never while the stream is not ACTIVE, and at most"
          + " kinesis.autoscale.max.changes.per.day changes per rolling 24 hours. Provisioned"
          + " streams only: an on-demand stream is left alone. Needs kinesis.autoscale.max.shards.";

  public static final String MIN_SHARDS_CONFIG = PREFIX + "min.shards";
  private static final String MIN_SHARDS_DOC = "Fewest open shards the scaler scales in to.";

  public static final String MAX_SHARDS_CONFIG = PREFIX + "max.shards";
  private static final String MAX_SHARDS_DOC =
      "Most open shards the scaler scales out to; it caps what the stream costs. Required when"
          + " kinesis.autoscale.enabled=true. Keep it within the account's shard quota.";

  public static final String SCALE_OUT_UTILIZATION_CONFIG = PREFIX + "scale.out.utilization";
  private static final String SCALE_OUT_UTILIZATION_DOC =
      "Scale out when the write load stays above this share of the stream's write capacity"
          + " (1 MiB/s and 1,000 records/s per shard, whichever is nearer its limit; throttled"
          + " records count as load). The new count is sized to bring the load to the middle"
          + " between this and kinesis.autoscale.scale.in.utilization.";

  public static final String SCALE_IN_UTILIZATION_CONFIG = PREFIX + "scale.in.utilization";
  private static final String SCALE_IN_UTILIZATION_DOC =
      "Scale in when the write load stays below this share of the stream's write capacity, and"
          + " only as far as keeps the busiest moment of the window at the middle of the band."
          + " Must be below kinesis.autoscale.scale.out.utilization.";

  public static final String SCALE_OUT_AFTER_MS_CONFIG = PREFIX + "scale.out.after.ms";
  private static final String SCALE_OUT_AFTER_MS_DOC =
      "How long the load must stay above kinesis.autoscale.scale.out.utilization before the"
          + " stream is scaled out, in milliseconds; shorter spikes are ridden out.";

  public static final String SCALE_IN_AFTER_MS_CONFIG = PREFIX + "scale.in.after.ms";
  private static final String SCALE_IN_AFTER_MS_DOC =
      "How long the load must stay below kinesis.autoscale.scale.in.utilization before the"
          + " stream is scaled in, in milliseconds. Longer than the scale-out wait, because"
          + " scaling in too early spends a daily change and risks throttling.";

  public static final String COOLDOWN_MS_CONFIG = PREFIX + "cooldown.ms";
  private static final String COOLDOWN_MS_DOC =
      "No further change for this long after one, in milliseconds, so the load can settle on"
          + " the new shards before it is judged again.";

  public static final String MAX_CHANGES_PER_DAY_CONFIG = PREFIX + "max.changes.per.day";
  private static final String MAX_CHANGES_PER_DAY_DOC =
      "Most shard count changes the scaler makes per rolling 24 hours. Kinesis allows 10 per"
          + " stream; the default leaves two for people. The last change of the budget is only"
          + " ever spent on a scale-out, never on a scale-in.";

  public static final String CHECK_INTERVAL_MS_CONFIG = PREFIX + "check.interval.ms";
  private static final String CHECK_INTERVAL_MS_DOC =
      "How often the scaler measures the load and decides, in milliseconds. Each check makes"
          + " a DescribeStreamSummary, a ListTagsForStream and an AddTagsToStream call (its claim"
          + " on the stream).";

  public static final String LOAD_SOURCE_CONFIG = PREFIX + "load.source";
  public static final String LOAD_SOURCE_CLOUDWATCH = "cloudwatch";
  public static final String LOAD_SOURCE_SINK_COUNTERS = "sink-counters";
  private static final String LOAD_SOURCE_DOC =
      "What the scaler measures. 'cloudwatch': the stream's AWS/Kinesis metrics IncomingBytes,"
          + " IncomingRecords and WriteProvisionedThroughputExceeded by GetMetricData, so every"
          + " writer counts (metrics.cloudwatch.endpoint.url overrides the endpoint); when"
          + " GetMetricData is denied, the scaler says so once and falls back to the sink's"
          + " counters. 'sink-counters': what this connector's tasks on the worker that runs the"
          + " connector wrote and had throttled, per shard, with no CloudWatch call: blind to"
          + " other writers and to tasks on other workers, so use it with one worker or in"
          + " tests.";

  public static final String DRY_RUN_CONFIG = PREFIX + "dry.run";
  private static final String DRY_RUN_DOC =
      "Decide, log and publish every decision as usual, but change nothing: to see what the"
          + " scaler would do before letting it.";

  private AutoscaleConfig() {}

  /**
   * Adds the Autoscaling group to a connector's ConfigDef.
   *
   * @return {@code def}, for chaining
   */
  public static ConfigDef addTo(ConfigDef def) {
    defineTiming(def, defineBounds(def));
    return def;
  }

  /** Whether, and between which counts and utilisation shares; returns the last order used. */
  private static int defineBounds(ConfigDef def) {
    int order = 0;
    def.define(
            ENABLED_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            ENABLED_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Autoscaling")
        .define(
            MIN_SHARDS_CONFIG,
            Type.INT,
            1,
            AutoscaleValidators.shardCount(),
            Importance.MEDIUM,
            MIN_SHARDS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Minimum shards")
        .define(
            MAX_SHARDS_CONFIG,
            Type.INT,
            null,
            AutoscaleValidators.shardCount(),
            Importance.MEDIUM,
            MAX_SHARDS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Maximum shards")
        .define(
            SCALE_OUT_UTILIZATION_CONFIG,
            Type.DOUBLE,
            ScalingPolicy.DEFAULT_SCALE_OUT_UTILIZATION,
            AutoscaleValidators.share(),
            Importance.MEDIUM,
            SCALE_OUT_UTILIZATION_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Scale-out utilization")
        .define(
            SCALE_IN_UTILIZATION_CONFIG,
            Type.DOUBLE,
            ScalingPolicy.DEFAULT_SCALE_IN_UTILIZATION,
            AutoscaleValidators.share(),
            Importance.MEDIUM,
            SCALE_IN_UTILIZATION_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Scale-in utilization");
    return order;
  }

  /** When: how long conditions must hold, the cool-down, the budget, and dry-run. */
  private static void defineTiming(ConfigDef def, int lastOrder) {
    int order = lastOrder;
    def.define(
            SCALE_OUT_AFTER_MS_CONFIG,
            Type.LONG,
            ScalingPolicy.DEFAULT_SCALE_OUT_AFTER.toMillis(),
            Range.atLeast(0),
            Importance.LOW,
            SCALE_OUT_AFTER_MS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Scale out after")
        .define(
            SCALE_IN_AFTER_MS_CONFIG,
            Type.LONG,
            ScalingPolicy.DEFAULT_SCALE_IN_AFTER.toMillis(),
            Range.atLeast(0),
            Importance.LOW,
            SCALE_IN_AFTER_MS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Scale in after")
        .define(
            COOLDOWN_MS_CONFIG,
            Type.LONG,
            ScalingPolicy.DEFAULT_COOL_DOWN.toMillis(),
            Range.atLeast(0),
            Importance.LOW,
            COOLDOWN_MS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Cool-down")
        .define(
            MAX_CHANGES_PER_DAY_CONFIG,
            Type.INT,
            ScalingPolicy.DEFAULT_DAILY_CHANGE_BUDGET,
            Range.between(2, ScalingPolicy.KINESIS_DAILY_CHANGE_LIMIT),
            Importance.LOW,
            MAX_CHANGES_PER_DAY_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Changes per day")
        .define(
            CHECK_INTERVAL_MS_CONFIG,
            Type.LONG,
            60_000L,
            Range.atLeast(1_000),
            Importance.LOW,
            CHECK_INTERVAL_MS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Check interval")
        .define(
            LOAD_SOURCE_CONFIG,
            Type.STRING,
            LOAD_SOURCE_CLOUDWATCH,
            ConfigDef.ValidString.in(LOAD_SOURCE_CLOUDWATCH, LOAD_SOURCE_SINK_COUNTERS),
            Importance.LOW,
            LOAD_SOURCE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Load source")
        .define(
            DRY_RUN_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            DRY_RUN_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Dry run");
  }

  /**
   * Conflicts between the autoscaling keys, by the key to fix, in plain words; empty when
   * autoscaling is off, because then the keys are not used.
   */
  public static Map<String, String> problems(AbstractConfig config) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (!config.getBoolean(ENABLED_CONFIG)) {
      return problems;
    }
    Integer max = config.getInt(MAX_SHARDS_CONFIG);
    int min = config.getInt(MIN_SHARDS_CONFIG);
    if (max == null) {
      problems.put(
          MAX_SHARDS_CONFIG,
          "Set kinesis.autoscale.max.shards when kinesis.autoscale.enabled=true: the most shards"
              + " the scaler may scale out to, which caps what the stream costs.");
    } else if (min > max) {
      problems.put(
          MIN_SHARDS_CONFIG,
          "kinesis.autoscale.min.shards ("
              + min
              + ") is above kinesis.autoscale.max.shards ("
              + max
              + "): the fewest shards must not exceed the most.");
    }
    String stream = streamTemplate(config);
    if (stream != null && stream.contains("${topic}")) {
      problems.put(
          ENABLED_CONFIG,
          "kinesis.autoscale.enabled=true needs one fixed stream, not a ${topic} template ("
              + stream
              + "): the connector scales the one stream it writes to.");
    }
    double high = config.getDouble(SCALE_OUT_UTILIZATION_CONFIG);
    double low = config.getDouble(SCALE_IN_UTILIZATION_CONFIG);
    if (low >= high) {
      problems.put(
          SCALE_IN_UTILIZATION_CONFIG,
          "kinesis.autoscale.scale.in.utilization ("
              + low
              + ") must be below kinesis.autoscale.scale.out.utilization ("
              + high
              + "), or every scale-out would be followed by a scale-in.");
    }
    return problems;
  }

  /** Whether the scaler measures with CloudWatch (else with the sink's own counters). */
  public static boolean measuresWithCloudWatch(AbstractConfig config) {
    return LOAD_SOURCE_CLOUDWATCH.equals(config.getString(LOAD_SOURCE_CONFIG));
  }

  /** How often the scaler checks. */
  public static Duration checkInterval(AbstractConfig config) {
    return Duration.ofMillis(config.getLong(CHECK_INTERVAL_MS_CONFIG));
  }

  private static String streamTemplate(AbstractConfig config) {
    String arn = config.getString("kinesis.stream.arn");
    return arn != null && !arn.isBlank() ? arn : config.getString("kinesis.stream.name");
  }

  /**
   * The policy the settings describe; empty when autoscaling is off.
   *
   * @throws ConfigException naming the first conflict {@link #problems} reports
   */
  public static Optional<ScalingPolicy> policy(AbstractConfig config) {
    if (!config.getBoolean(ENABLED_CONFIG)) {
      return Optional.empty();
    }
    Map<String, String> problems = problems(config);
    if (!problems.isEmpty()) {
      Map.Entry<String, String> first = problems.entrySet().iterator().next();
      throw new ConfigException(first.getKey() + ": " + first.getValue());
    }
    return Optional.of(
        ScalingPolicy.builder()
            .shards(config.getInt(MIN_SHARDS_CONFIG), config.getInt(MAX_SHARDS_CONFIG))
            .utilization(
                config.getDouble(SCALE_IN_UTILIZATION_CONFIG),
                config.getDouble(SCALE_OUT_UTILIZATION_CONFIG))
            .scaleOutAfter(Duration.ofMillis(config.getLong(SCALE_OUT_AFTER_MS_CONFIG)))
            .scaleInAfter(Duration.ofMillis(config.getLong(SCALE_IN_AFTER_MS_CONFIG)))
            .coolDown(Duration.ofMillis(config.getLong(COOLDOWN_MS_CONFIG)))
            .dailyChangeBudget(config.getInt(MAX_CHANGES_PER_DAY_CONFIG))
            .dryRun(config.getBoolean(DRY_RUN_CONFIG))
            .build());
  }
}
