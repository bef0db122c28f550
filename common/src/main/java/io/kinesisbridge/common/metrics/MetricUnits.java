package io.kinesisbridge.common.metrics;

import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * The CloudWatch unit and the cross-shard roll-up of a gauge, read from its name. The bundle's
 * gauge names follow one convention ({@code -ms}/{@code millis-} for durations, {@code bytes},
 * {@code per-second}, {@code -avg}/{@code ratio} for derived numbers, counters otherwise), so the
 * name is enough and a new gauge needs no table entry.
 */
final class MetricUnits {

  private MetricUnits() {}

  /** The unit CloudWatch shows for {@code gauge}. */
  static StandardUnit unitOf(String gauge) {
    if (isDuration(gauge)) {
      return StandardUnit.MILLISECONDS;
    }
    if (gauge.contains("per-second")) {
      return StandardUnit.COUNT_SECOND;
    }
    if (gauge.contains("bytes")) {
      return StandardUnit.BYTES;
    }
    if (isDerived(gauge)) {
      return StandardUnit.NONE;
    }
    return StandardUnit.COUNT;
  }

  /**
   * Whether several shards' values of {@code gauge} combine by taking the largest (lags, latencies,
   * averages, ratios: a sum would mean nothing) rather than by adding them up (counters, rates).
   */
  static boolean rollsUpByMax(String gauge) {
    return isDuration(gauge) || isDerived(gauge);
  }

  private static boolean isDuration(String gauge) {
    return gauge.endsWith("-ms") || gauge.contains("millis");
  }

  private static boolean isDerived(String gauge) {
    return gauge.endsWith("-avg") || gauge.contains("ratio");
  }
}
