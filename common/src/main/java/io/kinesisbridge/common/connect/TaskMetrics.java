package io.kinesisbridge.common.connect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanRegistration;
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

  /**
   * Makes "is this name still ours?" and the unregister one step across task instances: a task
   * restarted while its old instance is still stopping registers the same name.
   */
  private static final Object JMX_LOCK = new Object();

  private final ObjectName objectName;
  private final GaugeBean bean;

  private TaskMetrics(ObjectName objectName, GaugeBean bean) {
    this.objectName = objectName;
    this.bean = bean;
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
    GaugeBean bean = new GaugeBean(gauges);
    try {
      java.util.Hashtable<String, String> table = table(kind, connector, task);
      tags.forEach((key, value) -> table.put(key, ObjectName.quote(value)));
      ObjectName name = new ObjectName("kinesis.bridge", table);
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      synchronized (JMX_LOCK) {
        if (server.isRegistered(name)) {
          // an older instance of the same task still stopping: the newest instance is the truth
          server.unregisterMBean(name);
        }
        server.registerMBean(bean, name);
      }
      return new TaskMetrics(name, bean);
    } catch (JMException e) {
      LOG.warn("Task metrics are not published over JMX: {}", e.toString());
      return new TaskMetrics(null, bean);
    }
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
    synchronized (JMX_LOCK) {
      if (!bean.registered) {
        // replaced by a newer instance of the same task (or closed before): the name is not ours
        return;
      }
      try {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
      } catch (JMException e) {
        LOG.debug("MBean {} already gone: {}", objectName, e.toString());
      }
    }
  }

  /**
   * Exposes the gauges as read-only numeric attributes, and knows whether it is the bean registered
   * under its name: the MBean server tells it when it is registered and unregistered (also when a
   * newer task instance unregisters it to take the name).
   */
  private static final class GaugeBean implements DynamicMBean, MBeanRegistration {
    private final Supplier<Map<String, Number>> gauges;
    private volatile boolean registered;

    GaugeBean(Supplier<Map<String, Number>> gauges) {
      this.gauges = gauges;
    }

    @Override
    public ObjectName preRegister(MBeanServer server, ObjectName name) {
      return name;
    }

    @Override
    public void postRegister(Boolean registrationDone) {
      registered = Boolean.TRUE.equals(registrationDone);
    }

    @Override
    public void preDeregister() {}

    @Override
    public void postDeregister() {
      registered = false;
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
