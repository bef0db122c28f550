package io.kinesisbridge.common.connect;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskMetricsTest {

  private static final String KIND = "task-metrics-test";
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @AfterEach
  void unregisterLeftovers() throws Exception {
    for (ObjectName name :
        server.queryNames(new ObjectName("kinesis.bridge:type=" + KIND + ",*"), null)) {
      server.unregisterMBean(name);
    }
  }

  @Test
  void closingTheOldInstanceLeavesTheNewInstancesBeanRegistered() throws Exception {
    TaskMetrics old =
        TaskMetrics.register(KIND, "c1", "0", () -> Map.of("instance", 1), PluginGauges.NONE);
    TaskMetrics replacement =
        TaskMetrics.register(KIND, "c1", "0", () -> Map.of("instance", 2), PluginGauges.NONE);

    old.close();

    ObjectName name = beanName("c1", "0");
    assertThat(server.isRegistered(name)).isTrue();
    assertThat(server.getAttribute(name, "instance")).isEqualTo(2);

    replacement.close();
    assertThat(server.isRegistered(name)).isFalse();
  }

  @Test
  void closeUnregistersTheBeanItRegistered() throws Exception {
    TaskMetrics metrics =
        TaskMetrics.register(KIND, "c2", "3", () -> Map.of("n", 7L), PluginGauges.NONE);
    ObjectName name = beanName("c2", "3");
    assertThat(server.getAttribute(name, "n")).isEqualTo(7L);

    metrics.close();
    metrics.close();

    assertThat(server.isRegistered(name)).isFalse();
  }

  private static ObjectName beanName(String connector, String task) throws Exception {
    return new ObjectName(
        "kinesis.bridge:type="
            + ObjectName.quote(KIND)
            + ",connector="
            + ObjectName.quote(connector)
            + ",task="
            + ObjectName.quote(task));
  }
}
