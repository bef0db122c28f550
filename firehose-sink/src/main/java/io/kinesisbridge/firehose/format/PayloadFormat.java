package io.kinesisbridge.firehose.format;

import org.apache.kafka.connect.data.Schema;

/**
 * How a record value becomes the bytes of one record in the destination, without the delimiter.
 * Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface PayloadFormat {

  /**
   * The payload of a non-null record value.
   *
   * @param schema the value's schema, or null for schemaless data
   * @param value the value, never null
   * @throws org.apache.kafka.connect.errors.DataException when the value cannot be written in this
   *     format; the record goes to the errant record reporter
   */
  byte[] payloadOf(Schema schema, Object value);
}
