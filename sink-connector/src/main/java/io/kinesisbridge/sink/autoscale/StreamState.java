package io.kinesisbridge.sink.autoscale;

/** What DescribeStreamSummary says about the stream, reduced to what the engine needs to know. */
public enum StreamState {
  /** Provisioned and ACTIVE: its shard count may be changed. */
  ACTIVE,
  /**
   * Provisioned but not ACTIVE (UPDATING, and also CREATING or DELETING): Kinesis rejects
   * UpdateShardCount, and the open shard count is in flux.
   */
  UPDATING,
  /** On-demand capacity mode: Kinesis scales the stream itself, there is nothing to decide. */
  ON_DEMAND
}
