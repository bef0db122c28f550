package io.kinesisbridge.common.connect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Where a task's gauges go besides JMX: the worker's plugin metrics (Kafka 4.1+, KIP-877) when it
 * has them, else nowhere.
 *
 * <p>This type names no Kafka class newer than 3.7, so it loads on every supported worker. Only
 * {@link KafkaPluginGauges} names {@code PluginMetrics}, and it is loaded only after {@link
 * #of(Object)} found the method on the worker's context: a lambda or method reference naming a
 * missing type fails at its call site with an error no try/catch around the call can see.
 */
public interface PluginGauges {

  /** Publishes {@code gauges}, tagged with {@code tags}; names are fixed now, values read later. */
  void add(Map<String, String> tags, Supplier<Map<String, Number>> gauges);

  /** Publishes nothing: the worker has no plugin metrics. */
  PluginGauges NONE = (tags, gauges) -> {};

  /**
   * The plugin metrics of a task or connector context ({@code SinkTaskContext}, {@code
   * SourceTaskContext}), or {@link #NONE} on a worker older than Kafka 4.1, said once per JVM in
   * one INFO line.
   */
  static PluginGauges of(Object context) {
    if (context != null && WorkerFeatures.hasPluginMetrics(context)) {
      PluginGauges gauges = KafkaPluginGauges.of(context);
      if (gauges != null) {
        return gauges;
      }
    }
    OlderWorker.sayOnce();
    return NONE;
  }

  /** Logs the missing feature once, not once per task or shard. */
  final class OlderWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PluginGauges.class);
    private static final AtomicBoolean SAID = new AtomicBoolean();

    private OlderWorker() {}

    static void sayOnce() {
      if (SAID.compareAndSet(false, true)) {
        LOG.info(
            "This Connect worker has no plugin metrics (Kafka 4.1+): kinesis-bridge metrics are"
                + " published over JMX only (MBeans kinesis.bridge:*)");
      }
    }
  }
}
