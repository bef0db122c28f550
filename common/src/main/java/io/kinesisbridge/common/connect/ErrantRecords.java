package io.kinesisbridge.common.connect;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a sink sends records that can never be delivered (too large, not serialisable, no key):
 * Connect's errant record reporter, which writes them to the DLQ topic with the reason in headers
 * when {@code errors.tolerance=all}. Without a reporter ({@code errors.tolerance=none}, or a worker
 * older than Kafka 2.6), the task fails with the reason instead: a record is never dropped
 * silently.
 */
public final class ErrantRecords {

  private static final Logger LOG = LoggerFactory.getLogger(ErrantRecords.class);

  private final ErrantRecordReporter reporter;

  private ErrantRecords(ErrantRecordReporter reporter) {
    this.reporter = reporter;
  }

  /** Looks up the context's reporter, tolerating workers that predate it. */
  public static ErrantRecords from(SinkTaskContext context) {
    ErrantRecordReporter reporter;
    try {
      reporter = context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError oldWorker) {
      reporter = null;
    }
    return new ErrantRecords(reporter);
  }

  /** Whether bad records go to a reporter (true) or fail the task (false). */
  public boolean tolerant() {
    return reporter != null;
  }

  /**
   * Reports {@code record} as undeliverable. The worker waits for the DLQ write before it commits
   * the record's offset, so the caller may treat the record as done.
   *
   * @throws ConnectException when there is no reporter, naming the record and the reason
   */
  public void report(SinkRecord record, Throwable reason) {
    if (reporter == null) {
      throw new ConnectException(
          "Cannot deliver record "
              + describe(record)
              + ": "
              + reason.getMessage()
              + ". Set errors.tolerance=all (with errors.deadletterqueue.topic.name) to send such"
              + " records to a dead letter queue instead of failing the task.",
          reason);
    }
    LOG.warn(
        "Sending record {} to the errant record reporter: {}",
        describe(record),
        reason.getMessage());
    reporter.report(record, reason);
  }

  /**
   * {@code topic-partition@offset} where the record was read, plus the topic an SMT renamed it to;
   * never the record's data.
   */
  public static String describe(SinkRecord record) {
    if (record.kafkaPartition() == null) {
      // Not a record a worker read from Kafka (only tests build such records).
      return record.topic() + "-?@" + record.kafkaOffset();
    }
    RecordOrigin origin = RecordOrigin.of(record);
    String renamed =
        origin.partition().topic().equals(record.topic())
            ? ""
            : " (topic '" + record.topic() + "' after transforms)";
    return origin + renamed;
  }
}
