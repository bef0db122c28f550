package io.kinesisbridge.firehose.record;

import io.kinesisbridge.common.connect.RecordOrigin;
import io.kinesisbridge.common.convert.RecordPayload;
import io.kinesisbridge.firehose.format.RecordDelimiter;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.Objects;

/**
 * Turns a SinkRecord into a {@link FirehoseRecord}: the payload in the configured format, followed
 * by the delimiter, checked against the record size limit (the payload as written, so an envelope
 * counts with its key, headers and base64 overhead). Throws {@link DataException} for a record that
 * can never be delivered, so the task can report it and go on with the others.
 */
public final class RecordPreparer {

  private final RecordPayload format;
  private final byte[] delimiter;
  private final int maxRecordBytes;

  /**
   * @param format how records become payload bytes
   * @param delimiter what follows every record
   * @param maxRecordBytes the largest record allowed, delimiter included
   */
  public RecordPreparer(RecordPayload format, RecordDelimiter delimiter, int maxRecordBytes) {
    this.format = Objects.requireNonNull(format, "format");
    this.delimiter = delimiter.bytes();
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * Prepares {@code record}, whose value must not be null unless the format is the envelope.
   *
   * @param deliveryStream the delivery stream it goes to
   * @throws DataException when the value cannot be formatted or the record is too large
   */
  public FirehoseRecord prepare(String deliveryStream, SinkRecord record) {
    RecordOrigin origin = RecordOrigin.of(record);
    byte[] payload;
    try {
      payload = format.payloadOf(record, origin);
    } catch (DataException e) {
      throw e;
    } catch (RuntimeException e) {
      // Whatever a converter left in the value, the record is at fault, not the task.
      throw new DataException("cannot format the record: " + e, e);
    }
    FirehoseRecord prepared =
        new FirehoseRecord(deliveryStream, origin.partition(), origin.offset(), payload, delimiter);
    if (prepared.size() > maxRecordBytes) {
      throw new DataException(
          "record is "
              + prepared.size()
              + " bytes with its delimiter, over the limit of "
              + maxRecordBytes
              + " bytes per Firehose record (Firehose allows 1,000 KiB = 1,024,000 bytes, and"
              + " firehose.batch.max.bytes may lower it)");
    }
    return prepared;
  }
}
