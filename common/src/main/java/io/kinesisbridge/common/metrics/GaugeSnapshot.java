package io.kinesisbridge.common.metrics;

import java.util.Map;

/**
 * The values of one set of gauges at one moment, with what identifies the set: the connector, the
 * task and the tags it was registered with (e.g. {@code stream} and {@code shard}).
 *
 * @param connector the connector's name
 * @param task the task's id
 * @param tags extra identity of the set, such as {@code stream=orders}; empty for task totals
 * @param values current values by gauge name; may hold nulls and non-finite numbers
 */
public record GaugeSnapshot(
    String connector, String task, Map<String, String> tags, Map<String, Number> values) {

  /** Copies the maps; {@code values} keeps its nulls. */
  public GaugeSnapshot {
    tags = Map.copyOf(tags);
    values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
  }
}
