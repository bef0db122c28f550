package io.kinesisbridge.common.connect;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Gauges as Kafka plugin metrics (Kafka 4.1+). Loaded only through {@link PluginGauges#of(Object)}
 * after {@link WorkerFeatures#hasPluginMetrics(Object)}: this class links {@code PluginMetrics},
 * which workers older than 4.1 do not have.
 */
final class KafkaPluginGauges implements PluginGauges {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaPluginGauges.class);

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

  /**
   * Registers each gauge; one whose name is still taken is skipped with a WARN. That happens when
   * Connect starts a task's new instance while the old one, past the graceful stop timeout, still
   * holds its metrics: failing the new task for a metric would stop the data flow, and the gauge
   * stays readable over JMX ({@link TaskMetrics}), which replaces the older instance's bean.
   */
  @Override
  public void add(Map<String, String> tags, Supplier<Map<String, Number>> gauges) {
    for (String gauge : gauges.get().keySet()) {
      MetricName name =
          metrics.metricName(gauge, gauge.replace('-', ' '), new LinkedHashMap<>(tags));
      try {
        metrics.addMetric(name, (Gauge<Number>) (config, now) -> gauges.get().get(gauge));
      } catch (IllegalArgumentException taken) {
        LOG.warn(
            "Plugin metric {} {} is still held by an instance of this task that is still"
                + " stopping; this instance publishes it over JMX only",
            gauge,
            name.tags());
      }
    }
  }
}
