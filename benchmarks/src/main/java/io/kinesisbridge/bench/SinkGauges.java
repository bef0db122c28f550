package io.kinesisbridge.bench;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The Firehose sink task's billing gauges, read over JMX from {@code
 * kinesis.bridge:type="firehose-sink-task",connector=<name>,task=*} (the worker shares this JVM).
 *
 * @param recordsSubmitted {@code records-submitted-total}: Kafka records the task took
 * @param firehoseRecords {@code firehose-records-accepted}
 * @param payloadBytes {@code payload-bytes}
 * @param billedBytes {@code billed-bytes}
 */
record SinkGauges(
    long recordsSubmitted, long firehoseRecords, long payloadBytes, long billedBytes) {

  /**
   * The gauges once they count {@code firehoseRecords} accepted records (the endpoint counts a call
   * before the sink has read its answer), or the last read after {@code timeout}; null when the
   * connector publishes none (e.g. a baseline).
   */
  static SinkGauges await(String connector, long firehoseRecords, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    SinkGauges gauges = read(connector);
    while (gauges != null
        && gauges.firehoseRecords() < firehoseRecords
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
      gauges = read(connector);
    }
    return gauges;
  }

  /** The gauges of {@code connector}'s task, or null when it publishes none (e.g. a baseline). */
  static SinkGauges read(String connector) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      ObjectName pattern =
          new ObjectName(
              "kinesis.bridge:type="
                  + ObjectName.quote("firehose-sink-task")
                  + ",connector="
                  + ObjectName.quote(connector)
                  + ",*");
      for (ObjectName name : server.queryNames(pattern, null)) {
        return new SinkGauges(
            longOf(server, name, "records-submitted-total"),
            longOf(server, name, "firehose-records-accepted"),
            longOf(server, name, "payload-bytes"),
            longOf(server, name, "billed-bytes"));
      }
      return null;
    } catch (JMException e) {
      return null;
    }
  }

  private static long longOf(MBeanServer server, ObjectName name, String gauge) throws JMException {
    Object value = server.getAttribute(name, gauge);
    return value instanceof Number number ? number.longValue() : -1;
  }
}
