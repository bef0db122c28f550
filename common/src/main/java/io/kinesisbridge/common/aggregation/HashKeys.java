package io.kinesisbridge.common.aggregation;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How Kinesis maps a record to a shard: each shard owns a range of the 128-bit hash key space, and
 * a record's hash key is its explicit hash key if it has one, else the MD5 of its partition key
 * (UTF-8) read as an unsigned 128-bit integer.
 *
 * <p>An aggregating sink needs this to group user records by shard, because a consumer using AWS's
 * KCL drops an aggregate in which any user record hashes outside the aggregate's shard.
 */
public final class HashKeys {

  /** The largest hash key, 2^128 - 1. */
  public static final BigInteger MAX_HASH_KEY =
      BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  // The PutRecords API's own pattern for ExplicitHashKey: a decimal without sign or leading zeros.
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,38}");

  private HashKeys() {}

  /** MD5 of the UTF-8 bytes of {@code partitionKey}, as an unsigned 128-bit integer. */
  public static BigInteger hashKeyOf(String partitionKey) {
    byte[] utf8 = partitionKey.getBytes(StandardCharsets.UTF_8);
    return new BigInteger(1, KplFormat.md5(utf8, 0, utf8.length));
  }

  /**
   * Parses an explicit hash key as Kinesis accepts it: a decimal integer from 0 to 2^128 - 1.
   *
   * @throws IllegalArgumentException when it is not such a decimal
   */
  public static BigInteger parseExplicitHashKey(String explicitHashKey) {
    Objects.requireNonNull(explicitHashKey, "explicitHashKey");
    if (!DECIMAL.matcher(explicitHashKey).matches()) {
      throw new IllegalArgumentException(
          "explicit hash key must be a decimal integer without sign or leading zeros: '"
              + explicitHashKey
              + "'");
    }
    BigInteger value = new BigInteger(explicitHashKey);
    if (value.compareTo(MAX_HASH_KEY) > 0) {
      throw new IllegalArgumentException(
          "explicit hash key " + explicitHashKey + " is larger than 2^128 - 1");
    }
    return value;
  }

  /** The hash key Kinesis routes by: the explicit hash key if not null, else MD5 of the key. */
  public static BigInteger effectiveHashKey(String partitionKey, String explicitHashKey) {
    return explicitHashKey != null
        ? parseExplicitHashKey(explicitHashKey)
        : hashKeyOf(partitionKey);
  }

  /** The hash key Kinesis routes {@code record} by. */
  public static BigInteger effectiveHashKey(UserRecord record) {
    return effectiveHashKey(record.partitionKey(), record.explicitHashKey());
  }
}
