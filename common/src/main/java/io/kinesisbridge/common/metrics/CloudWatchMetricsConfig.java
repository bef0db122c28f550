package io.kinesisbridge.common.metrics;

import io.kinesisbridge.common.config.ConfigValidators;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.regex.Pattern;

/**
 * The {@code Metrics} config group every connector shares: the opt-in publisher that sends the
 * tasks' gauges to Amazon CloudWatch, for workers whose JMX nobody can read (MSK Connect).
 */
public final class CloudWatchMetricsConfig {

  /** The group name shown in UIs and in the rendered config reference. */
  public static final String GROUP = "Metrics";

  public static final String ENABLED_CONFIG = "metrics.cloudwatch.enabled";
  public static final String ENABLED_DOC =
      "Publish the task metrics to Amazon CloudWatch with PutMetricData, from one background"
          + " thread per task, with the connector's AWS credentials and region. Needs"
          + " cloudwatch:PutMetricData. A failing CloudWatch is logged and never slows or stops"
          + " the data flow. Custom metrics cost money: see docs/metrics.md.";
  public static final boolean ENABLED_DEFAULT = false;

  public static final String NAMESPACE_CONFIG = "metrics.cloudwatch.namespace";
  public static final String NAMESPACE_DOC =
      "CloudWatch namespace of the metrics. The dimensions are Connector and Task, plus Stream"
          + " (and Shard, see metrics.cloudwatch.shard.dimensions) for the source's per-stream"
          + " metrics.";
  public static final String NAMESPACE_DEFAULT = "KinesisBridge";

  public static final String INTERVAL_MS_CONFIG = "metrics.cloudwatch.interval.ms";
  public static final String INTERVAL_MS_DOC =
      "How often the current values are sent, in milliseconds. CloudWatch stores standard"
          + " metrics per minute, so values below 60000 mostly add PutMetricData calls.";
  public static final long INTERVAL_MS_DEFAULT = 60_000L;

  /** The shortest interval accepted: below it the calls cost more than they show. */
  public static final long INTERVAL_MS_MIN = 10_000L;

  public static final String SHARD_DIMENSIONS_CONFIG = "metrics.cloudwatch.shard.dimensions";
  public static final String SHARD_DIMENSIONS_DOC =
      "Kinesis source only: publish one set of metrics per shard (dimension Shard) instead of per"
          + " stream. Every shard then adds about 8 custom metrics, each billed monthly, and"
          + " resharding adds more: leave it off unless per-shard lag is worth that.";
  public static final boolean SHARD_DIMENSIONS_DEFAULT = false;

  public static final String ENDPOINT_URL_CONFIG = "metrics.cloudwatch.endpoint.url";
  public static final String ENDPOINT_URL_DOC =
      "Endpoint override for CloudWatch (a VPC endpoint, LocalStack, a test stub). Empty: the"
          + " regional CloudWatch endpoint. aws.endpoint.url is not used for CloudWatch, because"
          + " it usually names a Kinesis- or Firehose-only endpoint.";

  /**
   * What CloudWatch accepts as a namespace: 1-255 letters, digits and {@code . - _ / # :} or
   * blanks, not starting with the reserved {@code AWS/}.
   */
  static final Pattern NAMESPACE = Pattern.compile("(?!AWS/)[\\w.\\-/#: ]{1,255}");

  private CloudWatchMetricsConfig() {}

  /** A new ConfigDef holding only the Metrics group; handy for tests and docs. */
  public static ConfigDef configDef() {
    return addTo(new ConfigDef());
  }

  /**
   * Adds the Metrics group to a connector's ConfigDef.
   *
   * @return {@code def}, for chaining
   */
  public static ConfigDef addTo(ConfigDef def) {
    int order = 0;
    return def.define(
            ENABLED_CONFIG,
            Type.BOOLEAN,
            ENABLED_DEFAULT,
            Importance.MEDIUM,
            ENABLED_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "CloudWatch metrics")
        .define(
            NAMESPACE_CONFIG,
            Type.STRING,
            NAMESPACE_DEFAULT,
            ConfigDef.CompositeValidator.of(
                new ConfigDef.NonEmptyString(),
                ConfigValidators.matching(
                    NAMESPACE,
                    "1-255 letters, digits, blanks or . - _ / # : characters, not starting with"
                        + " AWS/")),
            Importance.LOW,
            NAMESPACE_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            "CloudWatch namespace")
        .define(
            INTERVAL_MS_CONFIG,
            Type.LONG,
            INTERVAL_MS_DEFAULT,
            Range.atLeast(INTERVAL_MS_MIN),
            Importance.LOW,
            INTERVAL_MS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "CloudWatch interval")
        .define(
            SHARD_DIMENSIONS_CONFIG,
            Type.BOOLEAN,
            SHARD_DIMENSIONS_DEFAULT,
            Importance.LOW,
            SHARD_DIMENSIONS_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "CloudWatch per-shard metrics")
        .define(
            ENDPOINT_URL_CONFIG,
            Type.STRING,
            null,
            ConfigValidators.httpUri(),
            Importance.LOW,
            ENDPOINT_URL_DOC,
            GROUP,
            ++order,
            Width.LONG,
            "CloudWatch endpoint override");
  }
}
