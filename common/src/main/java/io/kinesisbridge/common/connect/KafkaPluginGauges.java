package io.kinesisbridge.common.connect;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceTaskContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Gauges as Kafka plugin metrics (Kafka 4.1+). Loaded only through {@link PluginGauges#of(Object)}
 * after {@link WorkerFeatures#hasPluginMetrics(Object)}: this class links {@code PluginMetrics},
 * which workers older than 4.1 do not have.
 */
final class KafkaPluginGauges implements PluginGauges {

  private final PluginMetrics metrics;

  private KafkaPluginGauges(PluginMetrics metrics) {
    this.metrics = metrics;
  }

  /** The context's plugin metrics, or null when the worker refuses them. */
  static PluginGauges of(Object context) {
    try {
      PluginMetrics metrics = null;
      if (context instanceof SinkTaskContext sink) {
        metrics = sink.pluginMetrics();
      } else if (context instanceof SourceTaskContext source) {
        metrics = source.pluginMetrics();
      }
      return metrics == null ? null : new KafkaPluginGauges(metrics);
    } catch (UnsupportedOperationException notOffered) {
      return null;
    }
  }

  @Override
  public void add(Map<String, String> tags, Supplier<Map<String, Number>> gauges) {
    for (String gauge : gauges.get().keySet()) {
      MetricName name =
          metrics.metricName(gauge, gauge.replace('-', ' '), new LinkedHashMap<>(tags));
      metrics.addMetric(name, (Gauge<Number>) (config, now) -> gauges.get().get(gauge));
    }
  }
}
