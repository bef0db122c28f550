package io.kinesisbridge.testkit;

import java.util.List;

/**
 * What {@link KinesisReader#readAllDeaggregated(String)} found: the user records KCL yields, and
 * how many Kinesis records carried them.
 *
 * @param userRecords every user record, per shard in stream order, shards in ListShards order
 * @param kinesisRecordCount Kinesis records read (aggregates and plain records)
 * @param aggregateCount Kinesis records KCL took for KPL aggregates, including dropped ones (one
 *     with a wrong checksum, KCL passes on as a plain record)
 * @param droppedAggregateCount aggregates KCL dropped whole, because a user record in them hashes
 *     outside the shard they were read from: a consumer silently loses those records
 */
public record DeaggregatedRecords(
    List<KinesisUserRecord> userRecords,
    int kinesisRecordCount,
    int aggregateCount,
    int droppedAggregateCount) {

  /** Copies the list. */
  public DeaggregatedRecords {
    userRecords = List.copyOf(userRecords);
  }

  /** User records per Kinesis record: 1.0 without aggregation, up to hundreds with it. */
  public double aggregationRatio() {
    return kinesisRecordCount == 0 ? 0.0 : (double) userRecords.size() / kinesisRecordCount;
  }
}
