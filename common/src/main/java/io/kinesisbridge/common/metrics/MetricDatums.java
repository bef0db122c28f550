package io.kinesisbridge.common.metrics;

import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns gauge snapshots into PutMetricData batches: one datum per gauge, with dimensions {@code
 * Connector}, {@code Task} and one per tag ({@code Stream}, {@code Shard}); per-shard sets rolled
 * up per stream unless shard dimensions are wanted; values CloudWatch rejects or that mean "not
 * known yet" left out; batches well within the request limits.
 *
 * <p>CloudWatch allows 1,000 datums and 1 MB per PutMetricData request (raised in 2023 from 20
 * datums and 40 KB). A batch here holds at most {@link #MAX_DATUMS_PER_REQUEST} datums and about
 * {@link #MAX_BYTES_PER_REQUEST} bytes by a generous estimate, so neither limit is ever near.
 */
public final class MetricDatums {

  /** Datums per request: half of what CloudWatch accepts. */
  public static final int MAX_DATUMS_PER_REQUEST = 500;

  /** Estimated bytes per request: a quarter of CloudWatch's 1 MB. */
  public static final int MAX_BYTES_PER_REQUEST = 256 * 1024;

  /** The tag of per-shard gauge sets; dropped (and its sets summed) without shard dimensions. */
  static final String SHARD_TAG = "shard";

  /** A datum's bytes besides its names: value, timestamp, unit and the encoding's framing. */
  private static final int DATUM_OVERHEAD_BYTES = 96;

  private final boolean shardDimensions;
  private final int maxDatums;
  private final int maxBytes;

  /** Batches within the default limits; {@code shardDimensions} keeps per-shard datums apart. */
  public MetricDatums(boolean shardDimensions) {
    this(shardDimensions, MAX_DATUMS_PER_REQUEST, MAX_BYTES_PER_REQUEST);
  }

  /** Batches within the given limits; tests use small ones. */
  MetricDatums(boolean shardDimensions, int maxDatums, int maxBytes) {
    if (maxDatums < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("batch limits must be positive");
    }
    this.shardDimensions = shardDimensions;
    this.maxDatums = maxDatums;
    this.maxBytes = maxBytes;
  }

  /** The datums of {@code snapshots}, all stamped {@code timestamp}, cut into request batches. */
  public List<List<MetricDatum>> batches(List<GaugeSnapshot> snapshots, Instant timestamp) {
    List<List<MetricDatum>> batches = new ArrayList<>();
    List<MetricDatum> batch = new ArrayList<>();
    int bytes = 0;
    for (MetricDatum datum : datums(snapshots, timestamp)) {
      int size = estimatedBytes(datum);
      if (!batch.isEmpty() && (batch.size() == maxDatums || bytes + size > maxBytes)) {
        batches.add(List.copyOf(batch));
        batch.clear();
        bytes = 0;
      }
      batch.add(datum);
      bytes += size;
    }
    if (!batch.isEmpty()) {
      batches.add(List.copyOf(batch));
    }
    return batches;
  }

  /** One datum per publishable gauge value, after the roll-up of shards into streams. */
  List<MetricDatum> datums(List<GaugeSnapshot> snapshots, Instant timestamp) {
    List<MetricDatum> datums = new ArrayList<>();
    for (Map.Entry<List<Dimension>, Map<String, Double>> set : rolledUp(snapshots).entrySet()) {
      set.getValue()
          .forEach(
              (gauge, value) ->
                  datums.add(
                      MetricDatum.builder()
                          .metricName(gauge)
                          .dimensions(set.getKey())
                          .value(value)
                          .unit(MetricUnits.unitOf(gauge))
                          .timestamp(timestamp)
                          .build()));
    }
    return datums;
  }

  /** Publishable values by dimension set; sets that share dimensions are combined per gauge. */
  private Map<List<Dimension>, Map<String, Double>> rolledUp(List<GaugeSnapshot> snapshots) {
    Map<List<Dimension>, Map<String, Double>> sets = new LinkedHashMap<>();
    for (GaugeSnapshot snapshot : snapshots) {
      Map<String, Double> values =
          sets.computeIfAbsent(dimensions(snapshot), d -> new LinkedHashMap<>());
      snapshot
          .values()
          .forEach(
              (gauge, number) -> {
                if (publishable(number)) {
                  values.merge(gauge, number.doubleValue(), (a, b) -> combine(gauge, a, b));
                }
              });
    }
    sets.values().removeIf(Map::isEmpty);
    return sets;
  }

  private List<Dimension> dimensions(GaugeSnapshot snapshot) {
    List<Dimension> dimensions = new ArrayList<>();
    dimensions.add(dimension("Connector", snapshot.connector()));
    dimensions.add(dimension("Task", snapshot.task()));
    // Sorted, so the same tags always give the same dimension order (and the same metric).
    new TreeMap<>(snapshot.tags())
        .forEach(
            (tag, value) -> {
              if (shardDimensions || !tag.equals(SHARD_TAG)) {
                dimensions.add(dimension(capitalized(tag), value));
              }
            });
    return List.copyOf(dimensions);
  }

  /**
   * CloudWatch rejects NaN and infinities; a negative value is how the gauges say "not known yet"
   * (millis-behind-latest before the first response) and would drag averages and minimums down.
   */
  private static boolean publishable(Number number) {
    if (number == null) {
      return false;
    }
    double value = number.doubleValue();
    return Double.isFinite(value) && value >= 0;
  }

  private static double combine(String gauge, double a, double b) {
    return MetricUnits.rollsUpByMax(gauge) ? Math.max(a, b) : a + b;
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }

  private static String capitalized(String tag) {
    return tag.substring(0, 1).toUpperCase(Locale.ROOT) + tag.substring(1);
  }

  /** A generous estimate of what {@code datum} adds to a request. */
  static int estimatedBytes(MetricDatum datum) {
    int bytes = DATUM_OVERHEAD_BYTES + utf8Length(datum.metricName());
    for (Dimension dimension : datum.dimensions()) {
      bytes += utf8Length(dimension.name()) + utf8Length(dimension.value()) + 8;
    }
    return bytes;
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
