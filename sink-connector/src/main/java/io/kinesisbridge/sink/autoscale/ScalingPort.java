package io.kinesisbridge.sink.autoscale;

import java.util.Map;

/** The Kinesis calls the scaler makes on its one stream. */
public interface ScalingPort {

  /** The stream's mode, status and open shard count (DescribeStreamSummary). */
  StreamSummary describe();

  /** Asks for {@code target} open shards with uniform scaling (UpdateShardCount). */
  void updateShardCount(int target);

  /** The stream's tags (ListTagsForStream). */
  Map<String, String> tags();

  /** Adds or replaces one tag (AddTagsToStream). */
  void tag(String key, String value);

  /**
   * What DescribeStreamSummary says.
   *
   * @param state the mode and status, as the engine sees them
   * @param openShards open shards now
   */
  record StreamSummary(StreamState state, int openShards) {}
}
