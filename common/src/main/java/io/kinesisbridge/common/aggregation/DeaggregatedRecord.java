package io.kinesisbridge.common.aggregation;

import java.util.Objects;

/**
 * A user record read back from a Kinesis record, with its position inside the aggregate.
 *
 * <p>The source connector needs the sub-sequence number to resume in the middle of an aggregate
 * (its offset is {@code {sequence, subsequence}}), and the aggregated flag to know whether there is
 * a sub-sequence to speak of at all.
 *
 * @param userRecord the partition key, explicit hash key and payload
 * @param subSequenceNumber index of the record in its aggregate (0..n-1); 0 when not aggregated
 * @param aggregated false when the Kinesis record was a plain record passed through unchanged
 */
public record DeaggregatedRecord(
    UserRecord userRecord, long subSequenceNumber, boolean aggregated) {

  /** Checks the fields. */
  public DeaggregatedRecord {
    Objects.requireNonNull(userRecord, "userRecord");
    if (subSequenceNumber < 0) {
      throw new IllegalArgumentException("negative subSequenceNumber " + subSequenceNumber);
    }
  }

  /** The partition key of the user record. */
  public String partitionKey() {
    return userRecord.partitionKey();
  }

  /**
   * The explicit hash key of the user record, or null. Always null for a non-aggregated record,
   * because GetRecords does not return the explicit hash key a producer used.
   */
  public String explicitHashKey() {
    return userRecord.explicitHashKey();
  }

  /** The payload of the user record (not copied). */
  public byte[] data() {
    return userRecord.data();
  }
}
