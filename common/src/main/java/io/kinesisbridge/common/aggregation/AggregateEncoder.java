package io.kinesisbridge.common.aggregation;

import java.util.List;

/**
 * Encodes a whole list of user records into one KPL aggregate in a single call, for callers that
 * already know their batch fits; use {@link AggregateBuilder} to fill an aggregate up to a size.
 */
public final class AggregateEncoder {

  private AggregateEncoder() {}

  /**
   * The aggregated record bytes for {@code records}, in order (sub-sequence numbers 0..n-1).
   *
   * @throws IllegalArgumentException when a record's explicit hash key is invalid
   */
  public static byte[] encode(List<UserRecord> records) {
    return builderOf(records).toByteArray();
  }

  /** The exact length {@link #encode(List)} would return, without encoding. */
  public static int encodedSize(List<UserRecord> records) {
    return builderOf(records).size();
  }

  private static AggregateBuilder builderOf(List<UserRecord> records) {
    AggregateBuilder builder = new AggregateBuilder();
    records.forEach(builder::add);
    return builder;
  }
}
