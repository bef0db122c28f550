package io.kinesisbridge.common.sink;

import org.apache.kafka.common.TopicPartition;

/**
 * The payload the tests submit, also used as the wire entry of one-record packing.
 *
 * @param partition its partition, also its lane unless a test says otherwise
 * @param offset its offset
 * @param size its size in bytes
 * @param key its key, for tests of per-key order; {@code null} otherwise
 */
record TestRecord(TopicPartition partition, long offset, int size, String key) {

  TestRecord(TopicPartition partition, long offset, int size) {
    this(partition, offset, size, null);
  }

  /** The record as its own wire entry, for one-record packing. */
  TestRecord self() {
    return this;
  }

  static TopicPartition tp(int partition) {
    return new TopicPartition("orders", partition);
  }
}
