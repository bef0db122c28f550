package io.kinesisbridge.common.aggregation;

import java.util.Arrays;
import java.util.Objects;

/**
 * One encoded aggregate, ready to become a PutRecords entry.
 *
 * <p>The entry is routed by the <em>first</em> user record: {@link #partitionKey()} is its
 * partition key and {@link #explicitHashKey()} its explicit hash key (null when it had none). That
 * is only correct because all user records of an aggregate must map to the same shard: AWS's KCL
 * drops the whole aggregate when any of them hashes outside the shard it landed on, so the caller
 * has to group records by target shard before aggregating.
 *
 * @param partitionKey partition key for the PutRecords entry
 * @param explicitHashKey explicit hash key for the PutRecords entry, or null
 * @param data the aggregated record bytes: magic, protobuf, MD5 (not copied)
 * @param userRecordCount how many user records the aggregate holds
 */
public record Aggregate(
    String partitionKey, String explicitHashKey, byte[] data, int userRecordCount) {

  /** Checks the fields. */
  public Aggregate {
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(data, "data");
  }

  /** Compares the bytes by content, unlike the default record equality for arrays. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Aggregate that
        && partitionKey.equals(that.partitionKey)
        && Objects.equals(explicitHashKey, that.explicitHashKey)
        && Arrays.equals(data, that.data)
        && userRecordCount == that.userRecordCount;
  }

  @Override
  public int hashCode() {
    return Objects.hash(partitionKey, explicitHashKey, Arrays.hashCode(data), userRecordCount);
  }

  /** Shows the size only: the bytes are large and opaque. */
  @Override
  public String toString() {
    return "Aggregate[partitionKey="
        + partitionKey
        + ", explicitHashKey="
        + explicitHashKey
        + ", data="
        + data.length
        + " bytes, userRecordCount="
        + userRecordCount
        + "]";
  }
}
