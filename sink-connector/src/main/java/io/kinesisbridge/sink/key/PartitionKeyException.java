package io.kinesisbridge.sink.key;

import io.kinesisbridge.common.connect.RecordOrigin;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record's partition key cannot be computed from its data: {@code field:} on a value that is not
 * a Struct or Map, a path naming a field the Struct does not have, or a key, field or header of a
 * type Connect does not define.
 *
 * <p>Unchecked, and a {@link DataException}, because only this record is at fault: the task sends
 * it to the dead letter queue (or fails when errors are not tolerated) and carries on.
 */
public final class PartitionKeyException extends DataException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; the message names the record's topic, partition and offset, the
   * configured strategy and the cause's reason.
   *
   * @param record the record whose key failed
   * @param spec the strategy in config form, e.g. {@code field:customer.id}
   * @param cause why the data cannot give a key
   */
  public PartitionKeyException(SinkRecord record, String spec, Throwable cause) {
    super(message(record, spec, cause.getMessage()), cause);
  }

  private static String message(SinkRecord record, String spec, String reason) {
    // Where the record was read, before any SMT: where a user finds it in Kafka.
    RecordOrigin origin = RecordOrigin.of(record);
    return "Cannot compute the partition key (kinesis.partition.key="
        + spec
        + ") of the record at topic '"
        + origin.partition().topic()
        + "' partition "
        + origin.partition().partition()
        + " offset "
        + origin.offset()
        + ": "
        + reason;
  }
}
