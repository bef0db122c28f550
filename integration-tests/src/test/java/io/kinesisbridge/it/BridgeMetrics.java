package io.kinesisbridge.it;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the bundle's JMX gauges in the IT's JVM, where the embedded worker registers them: {@code
 * kinesis.bridge:type=<kind>,connector=<name>,...}.
 */
final class BridgeMetrics {

  private BridgeMetrics() {}

  /** The MBeans of {@code kind} (e.g. {@code kinesis-source-shard}) of one connector. */
  static Set<ObjectName> beans(String kind, String connector) throws JMException {
    return ManagementFactory.getPlatformMBeanServer()
        .queryNames(
            new ObjectName(
                "kinesis.bridge:type=\"" + kind + "\",connector=\"" + connector + "\",*"),
            null);
  }

  /** A gauge of the one source task of {@code connector}. */
  static long sourceTaskGauge(String connector, String gauge) throws JMException {
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    Set<ObjectName> names = beans("kinesis-source-task", connector);
    assertThat(names).as("source task MBeans of %s", connector).hasSize(1);
    return ((Number) jmx.getAttribute(names.iterator().next(), gauge)).longValue();
  }
}
