package io.kinesisbridge.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One user record as a KCL consumer sees it: a record packed in a KPL aggregate, or a plain Kinesis
 * record as it is.
 *
 * @param shardId the shard it was read from
 * @param sequenceNumber the sequence number of the Kinesis record holding it
 * @param subSequenceNumber its index inside the aggregate; 0 for a plain record
 * @param aggregated whether it came out of an aggregate
 * @param partitionKey its own partition key (inside an aggregate, not the aggregate's)
 * @param explicitHashKey its explicit hash key from the aggregate, or null
 * @param data its bytes (not copied; treat as immutable)
 * @param approximateArrivalTimestamp when Kinesis accepted the Kinesis record holding it
 */
public record KinesisUserRecord(
    String shardId,
    String sequenceNumber,
    long subSequenceNumber,
    boolean aggregated,
    String partitionKey,
    String explicitHashKey,
    byte[] data,
    Instant approximateArrivalTimestamp) {

  /** Checks the fields every user record has. */
  public KinesisUserRecord {
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
    return other instanceof KinesisUserRecord that
        && shardId.equals(that.shardId)
        && sequenceNumber.equals(that.sequenceNumber)
        && subSequenceNumber == that.subSequenceNumber
        && aggregated == that.aggregated
        && Objects.equals(partitionKey, that.partitionKey)
        && Objects.equals(explicitHashKey, that.explicitHashKey)
        && Arrays.equals(data, that.data)
        && Objects.equals(approximateArrivalTimestamp, that.approximateArrivalTimestamp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        shardId,
        sequenceNumber,
        subSequenceNumber,
        aggregated,
        partitionKey,
        explicitHashKey,
        Arrays.hashCode(data),
        approximateArrivalTimestamp);
  }

  /** Shows the data size only: payloads can be large. */
  @Override
  public String toString() {
    return "KinesisUserRecord[shardId="
        + shardId
        + ", sequenceNumber="
        + sequenceNumber
        + ", subSequenceNumber="
        + subSequenceNumber
        + ", aggregated="
        + aggregated
        + ", partitionKey="
        + partitionKey
        + ", explicitHashKey="
        + explicitHashKey
        + ", data="
        + data.length
        + " bytes]";
  }
}
