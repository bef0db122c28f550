package io.kinesisbridge.common.connect;

/**
 * What the Connect worker running us offers beyond Kafka 3.7, found by reflection so that nothing
 * newer is linked before the answer is known.
 */
public final class WorkerFeatures {

  private static final String PLUGIN_METRICS = "org.apache.kafka.common.metrics.PluginMetrics";

  private WorkerFeatures() {}

  /**
   * Whether {@code context} has {@code pluginMetrics()} (Kafka 4.1+) and the worker's class loader
   * has the type it returns.
   */
  public static boolean hasPluginMetrics(Object context) {
    try {
      Class<?> returned = context.getClass().getMethod("pluginMetrics").getReturnType();
      return returned.getName().equals(PLUGIN_METRICS);
    } catch (NoSuchMethodException | LinkageError olderWorker) {
      return false;
    }
  }
}
