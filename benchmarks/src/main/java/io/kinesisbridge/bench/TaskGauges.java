package io.kinesisbridge.bench;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Set;

/**
 * One gauge of every task of a connector, read over JMX from {@code
 * kinesis.bridge:type=<type>,connector=<name>,task=*} (the worker shares this JVM) and summed or
 * maxed over the tasks. Types: {@code kinesis-sink-task}, {@code firehose-sink-task}, {@code
 * kinesis-source-task} (docs/metrics.md).
 */
final class TaskGauges {

  static final String KINESIS_SINK = "kinesis-sink-task";
  static final String FIREHOSE_SINK = "firehose-sink-task";
  static final String KINESIS_SOURCE = "kinesis-source-task";

  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

  private TaskGauges() {}

  /** The sum of {@code gauge} over the connector's tasks, or -1 when no task publishes it. */
  static long sum(String type, String connector, String gauge) {
    long sum = 0;
    boolean any = false;
    for (ObjectName name : tasks(type, connector)) {
      long value = read(name, gauge);
      if (value >= 0) {
        sum += value;
        any = true;
      }
    }
    return any ? sum : -1;
  }

  /** The largest {@code gauge} over the connector's tasks, or -1 when no task publishes it. */
  static long max(String type, String connector, String gauge) {
    long max = -1;
    for (ObjectName name : tasks(type, connector)) {
      max = Math.max(max, read(name, gauge));
    }
    return max;
  }

  private static Set<ObjectName> tasks(String type, String connector) {
    try {
      return SERVER.queryNames(
          new ObjectName(
              "kinesis.bridge:type="
                  + ObjectName.quote(type)
                  + ",connector="
                  + ObjectName.quote(connector)
                  + ",*"),
          null);
    } catch (JMException e) {
      throw new IllegalArgumentException("bad MBean pattern for " + type + "/" + connector, e);
    }
  }

  private static long read(ObjectName name, String gauge) {
    try {
      Object value = SERVER.getAttribute(name, gauge);
      return value instanceof Number number ? number.longValue() : -1;
    } catch (JMException e) {
      return -1; // the task went away between the query and the read, or lacks this gauge
    }
  }
}
