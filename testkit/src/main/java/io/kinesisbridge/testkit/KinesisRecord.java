package io.kinesisbridge.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kinesis record as GetRecords returned it (an aggregate stays one record here).
 *
 * @param shardId the shard it was read from
 * @param sequenceNumber its sequence number
 * @param partitionKey its partition key
 * @param data its bytes (not copied; treat as immutable)
 * @param approximateArrivalTimestamp when Kinesis accepted it
 */
public record KinesisRecord(
    String shardId,
    String sequenceNumber,
    String partitionKey,
    byte[] data,
    Instant approximateArrivalTimestamp) {

  /** Checks the fields Kinesis always sets. */
  public KinesisRecord {
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(data, "data");
  }

  /** The data decoded as UTF-8, for tests that put text. */
  public String utf8() {
    return new String(data, StandardCharsets.UTF_8);
  }

  /** Compares the data by content, unlike the default record equality for arrays. */
  @Override
  public boolean equals(Object other) {
    return other instanceof KinesisRecord that
        && shardId.equals(that.shardId)
        && sequenceNumber.equals(that.sequenceNumber)
        && Objects.equals(partitionKey, that.partitionKey)
        && Arrays.equals(data, that.data)
        && Objects.equals(approximateArrivalTimestamp, that.approximateArrivalTimestamp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        shardId, sequenceNumber, partitionKey, Arrays.hashCode(data), approximateArrivalTimestamp);
  }

  /** Shows the data size only: payloads can be large. */
  @Override
  public String toString() {
    return "KinesisRecord[shardId="
        + shardId
        + ", sequenceNumber="
        + sequenceNumber
        + ", partitionKey="
        + partitionKey
        + ", data="
        + data.length
        + " bytes, approximateArrivalTimestamp="
        + approximateArrivalTimestamp
        + "]";
  }
}
