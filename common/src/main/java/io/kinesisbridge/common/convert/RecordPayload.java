package io.kinesisbridge.common.convert;

import io.kinesisbridge.common.connect.RecordOrigin;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * How a sink record becomes the bytes a sink sends for it (without any delimiter): the value alone
 * or the whole record in an envelope. Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface RecordPayload {

  /**
   * The payload of {@code record}.
   *
   * @param record the record as the sink received it (after SMTs)
   * @param origin where the record was read (see {@link RecordOrigin#of}), for formats that carry
   *     the Kafka coordinates
   * @throws DataConversionException when the record cannot be written in this format; the record
   *     goes to the errant record reporter
   */
  byte[] payloadOf(SinkRecord record, RecordOrigin origin);

  /** The value alone, by {@link PayloadBytes}: bytes and strings as they are, else JSON. */
  static RecordPayload value() {
    return (record, origin) -> PayloadBytes.payloadOf(record.valueSchema(), record.value());
  }

  /** The whole record as a {@link RecordEnvelope}. */
  static RecordPayload envelope() {
    return RecordEnvelope::encode;
  }
}
