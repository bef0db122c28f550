package io.kinesisbridge.common.connect;

import io.kinesisbridge.common.testing.FakeSinkTaskContext;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class PluginGaugesTest {

  /** The shape of a Kafka 3.7 task context: every method but pluginMetrics(). */
  interface ContextOfAnOlderWorker {
    Map<String, String> configs();
  }

  @Test
  void aContextWithoutPluginMetricsPublishesNowhere() {
    ContextOfAnOlderWorker older = Map::of;

    assertThat(WorkerFeatures.hasPluginMetrics(older)).isFalse();
    assertThat(PluginGauges.of(older)).isSameAs(PluginGauges.NONE);
    assertThat(PluginGauges.of(null)).isSameAs(PluginGauges.NONE);
  }

  @Test
  void aWorkerThatRefusesPluginMetricsPublishesNowhere() {
    FakeSinkTaskContext refusing = new FakeSinkTaskContext(false);

    assertThat(WorkerFeatures.hasPluginMetrics(refusing)).isTrue();
    assertThat(PluginGauges.of(refusing)).isSameAs(PluginGauges.NONE);
  }

  @Test
  void aTaskWhosePreviousInstanceStillHoldsItsMetricsStartsAnyway() {
    // Connect starts a task's new instance when the old one overran the graceful stop timeout
    // and still holds plugin metrics of the same names: the new task must not fail on that.
    try (Metrics metrics = new Metrics()) {
      Map<String, String> task = Map.of("connector", "c", "task", "0");
      PluginGauges.of(contextWith(new PluginMetricsImpl(metrics, task)))
          .add(Map.of(), () -> Map.of("records-delivered", 1L));

      PluginGauges.of(contextWith(new PluginMetricsImpl(metrics, task)))
          .add(Map.of(), () -> Map.of("records-delivered", 2L, "records-failed", 0L));

      assertThat(metrics.metrics().keySet())
          .extracting(MetricName::name)
          .contains("records-delivered", "records-failed");
    }
  }

  private SinkTaskContext contextWith(PluginMetricsImpl plugin) {
    return (SinkTaskContext)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {SinkTaskContext.class},
            (proxy, method, args) -> method.getName().equals("pluginMetrics") ? plugin : null);
  }

  @Test
  void aWorkerWithPluginMetricsGetsEveryGaugeWithItsTags() {
    try (Metrics metrics = new Metrics()) {
      PluginMetricsImpl plugin = new PluginMetricsImpl(metrics, Map.of("connector", "c"));
      SinkTaskContext context =
          (SinkTaskContext)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {SinkTaskContext.class},
                  (proxy, method, args) ->
                      method.getName().equals("pluginMetrics") ? plugin : null);
      AtomicLong delivered = new AtomicLong(7);

      PluginGauges.of(context)
          .add(Map.of("shard", "shardId-1"), () -> Map.of("records-delivered", delivered.get()));
      delivered.set(42);

      MetricName name =
          metrics.metrics().keySet().stream()
              .filter(n -> n.name().equals("records-delivered"))
              .findFirst()
              .orElseThrow();
      assertThat(name.tags()).containsEntry("connector", "c").containsEntry("shard", "shardId-1");
      assertThat(metrics.metrics().get(name).metricValue()).isEqualTo(42L);
    }
  }
}
