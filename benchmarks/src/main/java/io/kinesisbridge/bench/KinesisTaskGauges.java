package io.kinesisbridge.bench;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * The Kinesis sink task's own counters, read over JMX from {@code
 * kinesis.bridge:type="kinesis-sink-task",connector=<name>,task=*} (the worker shares this JVM):
 * when the task took its first record, which starts the steady interval of a sink that holds
 * records before its first call (aggregation, a long round trip), and what it held unacknowledged
 * at the forced GC, which turns the heap figure into bytes per held record.
 *
 * @param recordsSubmitted {@code records-submitted-total}: Kafka records the task took
 * @param bufferedRecords {@code buffered-records}: records it held unacknowledged
 * @param bufferedBytes {@code buffered-bytes}: their bytes as counted against {@code
 *     kinesis.buffer.max.bytes}
 */
record KinesisTaskGauges(long recordsSubmitted, long bufferedRecords, long bufferedBytes) {

  /** Nothing known: the connector publishes no such gauges (a baseline). */
  static final KinesisTaskGauges UNKNOWN = new KinesisTaskGauges(-1, -1, -1);

  /** The gauges of {@code connector}'s task now, or {@link #UNKNOWN}. */
  static KinesisTaskGauges read(String connector) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      ObjectName pattern =
          new ObjectName(
              "kinesis.bridge:type="
                  + ObjectName.quote("kinesis-sink-task")
                  + ",connector="
                  + ObjectName.quote(connector)
                  + ",*");
      for (ObjectName name : server.queryNames(pattern, null)) {
        return new KinesisTaskGauges(
            longOf(server, name, "records-submitted-total"),
            longOf(server, name, "buffered-records"),
            longOf(server, name, "buffered-bytes"));
      }
      return UNKNOWN;
    } catch (JMException e) {
      return UNKNOWN;
    }
  }

  boolean known() {
    return bufferedRecords >= 0;
  }

  private static long longOf(MBeanServer server, ObjectName name, String gauge) {
    try {
      Object value = server.getAttribute(name, gauge);
      return value instanceof Number number ? number.longValue() : -1;
    } catch (JMException e) {
      return -1; // a sink version without this gauge
    }
  }
}
