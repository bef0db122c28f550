package io.kinesisbridge.testkit.cloudwatch;

import java.time.Instant;
import java.util.Map;

/**
 * One metric datum as the CloudWatch stub received it.
 *
 * @param namespace the request's namespace
 * @param metricName the datum's metric name
 * @param dimensions dimension values by dimension name
 * @param value the datum's value
 * @param unit the datum's unit, e.g. {@code Count}; null when the client sent none
 * @param timestamp the datum's timestamp; null when the client sent none
 */
public record ReceivedDatum(
    String namespace,
    String metricName,
    Map<String, String> dimensions,
    double value,
    String unit,
    Instant timestamp) {

  /** Copies the dimensions. */
  public ReceivedDatum {
    dimensions = Map.copyOf(dimensions);
  }
}
