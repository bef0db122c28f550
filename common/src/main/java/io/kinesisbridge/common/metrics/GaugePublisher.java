package io.kinesisbridge.common.metrics;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Somewhere beside JMX that a task's gauges go, fed with the same suppliers {@code TaskMetrics}
 * reads. {@link #NONE} when the user did not opt in.
 */
public interface GaugePublisher extends AutoCloseable {

  /** Publishes nothing; what tasks get when no publisher is enabled. */
  GaugePublisher NONE =
      new GaugePublisher() {
        @Override
        public void add(Map<String, String> tags, Supplier<Map<String, Number>> gauges) {}

        @Override
        public void start() {}

        @Override
        public void close() {}
      };

  /**
   * Publishes {@code gauges} from now on until {@link #close()}.
   *
   * @param tags what tells this set apart within the task, e.g. {@code stream} and {@code shard};
   *     empty for the task's totals
   * @param gauges current values by gauge name; read from the publisher's own thread
   */
  void add(Map<String, String> tags, Supplier<Map<String, Number>> gauges);

  /**
   * Starts publishing in the background. Call it last in the task's {@code start}: a task whose
   * start fails may never be stopped, and must not leave a thread behind that publishes for it.
   */
  void start();

  /** Stops publishing and releases what the publisher holds; never throws. */
  @Override
  void close();
}
