package io.kinesisbridge.common.connect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A task's gauges, published two ways: as Connect plugin metrics where the worker offers them
 * (Kafka 4.1+, they then appear with the worker's own metrics and reporters), and always as a JMX
 * MBean {@code kinesis.bridge:type=<kind>,connector=<name>,task=<id>}, so 3.7 workers (MSK Connect)
 * can be monitored too.
 */
public final class TaskMetrics implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);

  private final ObjectName objectName;

  private TaskMetrics(ObjectName objectName) {
    this.objectName = objectName;
  }

  /**
   * Publishes {@code gauges}: names are fixed at registration, values are read on demand.
   *
   * @param kind e.g. {@code kinesis-sink-task}
   * @param connector the connector's name
   * @param task the task's id, e.g. {@code 0}
   * @param gauges current values by metric name; called from metric reporter threads
   * @param pluginGauges the worker's plugin metrics, {@link PluginGauges#NONE} when it has none
   */
  public static TaskMetrics register(
      String kind,
      String connector,
      String task,
      Supplier<Map<String, Number>> gauges,
      PluginGauges pluginGauges) {
    return register(kind, connector, task, Map.of(), gauges, pluginGauges);
  }

  /**
   * Publishes {@code gauges} of one part of a task, such as a shard: {@code tags} (e.g. {@code
   * shard=shardId-000000000001}) are added to the MBean name and to the plugin metrics' tags.
   */
  public static TaskMetrics register(
      String kind,
      String connector,
      String task,
      Map<String, String> tags,
      Supplier<Map<String, Number>> gauges,
      PluginGauges pluginGauges) {
    pluginGauges.add(tags, gauges);
    ObjectName name = null;
    try {
      java.util.Hashtable<String, String> table = table(kind, connector, task);
      tags.forEach((key, value) -> table.put(key, ObjectName.quote(value)));
      name = new ObjectName("kinesis.bridge", table);
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      server.registerMBean(new GaugeBean(gauges), name);
    } catch (JMException e) {
      LOG.warn("Task metrics are not published over JMX: {}", e.toString());
      name = null;
    }
    return new TaskMetrics(name);
  }

  private static java.util.Hashtable<String, String> table(
      String kind, String connector, String task) {
    java.util.Hashtable<String, String> table = new java.util.Hashtable<>();
    table.put("type", ObjectName.quote(kind));
    table.put("connector", ObjectName.quote(connector));
    table.put("task", ObjectName.quote(task));
    return table;
  }

  @Override
  public void close() {
    if (objectName == null) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
    } catch (JMException e) {
      LOG.debug("MBean {} already gone: {}", objectName, e.toString());
    }
  }

  /** Exposes the gauges as read-only numeric attributes. */
  private static final class GaugeBean implements DynamicMBean {
    private final Supplier<Map<String, Number>> gauges;

    GaugeBean(Supplier<Map<String, Number>> gauges) {
      this.gauges = gauges;
    }

    @Override
    public Object getAttribute(String attribute) {
      return gauges.get().get(attribute);
    }

    @Override
    public void setAttribute(Attribute attribute) {
      throw new UnsupportedOperationException("task metrics are read-only");
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
      Map<String, Number> now = gauges.get();
      AttributeList list = new AttributeList();
      for (String attribute : attributes) {
        list.add(new Attribute(attribute, now.get(attribute)));
      }
      return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
      return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
      throw new UnsupportedOperationException("task metrics have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
      MBeanAttributeInfo[] attributes =
          gauges.get().entrySet().stream()
              .map(
                  e ->
                      new MBeanAttributeInfo(
                          e.getKey(),
                          e.getValue().getClass().getName(),
                          e.getKey(),
                          true,
                          false,
                          false))
              .toArray(MBeanAttributeInfo[]::new);
      return new MBeanInfo(
          TaskMetrics.class.getName(), "kinesis-bridge task metrics", attributes, null, null, null);
    }
  }
}
