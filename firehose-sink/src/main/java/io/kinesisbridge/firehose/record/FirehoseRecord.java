package io.kinesisbridge.firehose.record;

import org.apache.kafka.common.TopicPartition;

/**
 * One Kafka record made ready for Firehose: its payload and the delimiter that follows it, kept
 * apart so that packing copies the payload once, straight into the packed record.
 *
 * @param deliveryStream the delivery stream it goes to
 * @param topicPartition the Kafka partition it was read from
 * @param offset its Kafka offset
 * @param payload the formatted value (not copied; never modified)
 * @param delimiter the record delimiter, shared by all records (never modified)
 */
public record FirehoseRecord(
    String deliveryStream,
    TopicPartition topicPartition,
    long offset,
    byte[] payload,
    byte[] delimiter) {

  /** The record's bytes in the destination, delimiter included: what counts against the limits. */
  public int size() {
    return payload.length + delimiter.length;
  }

  /**
   * Copies payload and delimiter into {@code target} at {@code position}.
   *
   * @return the position after the copied bytes
   */
  public int copyTo(byte[] target, int position) {
    System.arraycopy(payload, 0, target, position, payload.length);
    System.arraycopy(delimiter, 0, target, position + payload.length, delimiter.length);
    return position + size();
  }

  /** Payload and delimiter in one array: the payload itself when there is no delimiter. */
  public byte[] bytes() {
    if (delimiter.length == 0) {
      return payload;
    }
    byte[] bytes = new byte[size()];
    copyTo(bytes, 0);
    return bytes;
  }

  /** Location and size only: the data is opaque and may be large. */
  @Override
  public String toString() {
    return "FirehoseRecord[" + topicPartition + "@" + offset + ", " + size() + " bytes]";
  }
}
