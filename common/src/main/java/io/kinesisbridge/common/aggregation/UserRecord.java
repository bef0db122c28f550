package io.kinesisbridge.common.aggregation;

import java.util.Arrays;
import java.util.Objects;

/**
 * One user record inside (or destined for) a KPL aggregate.
 *
 * <p>The data array is neither copied on the way in nor on the way out: aggregates approach the
 * stream's max record size, and copying every payload twice would double the codec's memory
 * traffic. Callers must treat the array as immutable once it is wrapped here.
 *
 * @param partitionKey the Kinesis partition key, never null
 * @param explicitHashKey the explicit hash key as a decimal string, or null to hash the partition
 *     key (see {@link HashKeys})
 * @param data the payload, never null, may be empty
 */
public record UserRecord(String partitionKey, String explicitHashKey, byte[] data) {

  /** Checks the non-null fields. */
  public UserRecord {
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(data, "data");
  }

  /** A user record without an explicit hash key: Kinesis routes it by MD5 of its partition key. */
  public static UserRecord of(String partitionKey, byte[] data) {
    return new UserRecord(partitionKey, null, data);
  }

  /** Compares the payload by content, unlike the default record equality for arrays. */
  @Override
  public boolean equals(Object other) {
    return other instanceof UserRecord that
        && partitionKey.equals(that.partitionKey)
        && Objects.equals(explicitHashKey, that.explicitHashKey)
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(partitionKey, explicitHashKey, Arrays.hashCode(data));
  }

  /** Shows the payload size only: payloads can be large and may hold sensitive data. */
  @Override
  public String toString() {
    return "UserRecord[partitionKey="
        + partitionKey
        + ", explicitHashKey="
        + explicitHashKey
        + ", data="
        + data.length
        + " bytes]";
  }
}
