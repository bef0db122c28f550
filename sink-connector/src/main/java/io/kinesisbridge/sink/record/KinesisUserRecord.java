package io.kinesisbridge.sink.record;

import org.apache.kafka.common.TopicPartition;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * One Kafka record made ready for Kinesis: its data, partition key, optional explicit hash key and
 * the hash key that decides its shard, plus where it came from for offset tracking.
 *
 * @param stream the Kinesis stream it goes to
 * @param topicPartition the Kafka partition the record was read from
 * @param offset its Kafka offset
 * @param partitionKey the Kinesis partition key (1-256 code points)
 * @param explicitHashKey the explicit hash key as a decimal string, or null
 * @param hashKey the hash key Kinesis routes by: the explicit one, else MD5 of the partition key
 * @param data the bytes to write (not copied)
 */
public record KinesisUserRecord(
    String stream,
    TopicPartition topicPartition,
    long offset,
    String partitionKey,
    String explicitHashKey,
    BigInteger hashKey,
    byte[] data) {

  /** Bytes this record counts against Kinesis's record and request limits: data plus key. */
  public int wireSize() {
    return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Location only: the data is opaque and may be large. */
  @Override
  public String toString() {
    return "KinesisUserRecord[" + topicPartition + "@" + offset + ", " + data.length + " bytes]";
  }
}
