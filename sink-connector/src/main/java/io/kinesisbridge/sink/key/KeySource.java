package io.kinesisbridge.sink.key;

import org.apache.kafka.connect.sink.SinkRecord;

/** Where a raw partition key comes from, before fallback and the length rule apply. */
@FunctionalInterface
interface KeySource {

  /**
   * The raw key text for a record.
   *
   * @return the key, or null (or empty) when the record has none, which selects the fallback
   * @throws org.apache.kafka.connect.errors.DataException when the record's data cannot give a key
   */
  String rawKey(SinkRecord record);
}
