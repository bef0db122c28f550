package io.kinesisbridge.sink.autoscale;

import java.util.List;
import java.util.Optional;

/**
 * Tells one hot shard from a busy stream. UpdateShardCount splits every shard's hash range evenly;
 * the records of one partition key still land on one shard, so adding shards for a single hot key
 * only adds cost, and merging shards around it only adds its neighbours' load to it.
 */
final class HotShards {

  private HotShards() {}

  /**
   * One shard at or above the scale-out share of its capacity while the others average below the
   * scale-in share: the stream as a whole has room, the load does not spread over it.
   */
  static Optional<HotShard> find(StreamLoadSample sample, ScalingPolicy policy) {
    if (sample.openShards() < 2) {
      return Optional.empty();
    }
    return sample
        .hottestShard()
        .filter(hottest -> hottest.utilization() >= policy.scaleOutUtilization())
        .map(hottest -> new HotShard(hottest, othersUtilization(sample, hottest)))
        .filter(hot -> hot.othersUtilization() < policy.scaleInUtilization());
  }

  /**
   * Whether any sample has a shard at or above the scale-out share: scaling in would merge it with
   * a neighbour and push it further over.
   */
  static boolean anyShardAtLimit(List<StreamLoadSample> samples, ScalingPolicy policy) {
    return samples.stream()
        .flatMap(s -> s.hottestShard().stream())
        .anyMatch(shard -> shard.utilization() >= policy.scaleOutUtilization());
  }

  private static double othersUtilization(StreamLoadSample sample, ShardLoad hottest) {
    double total = sample.shards().stream().mapToDouble(ShardLoad::utilization).sum();
    return (total - hottest.utilization()) / (sample.openShards() - 1);
  }

  /**
   * A shard carrying load the others do not share.
   *
   * @param shard the hot shard's load
   * @param othersUtilization the mean utilisation of the other open shards
   */
  record HotShard(ShardLoad shard, double othersUtilization) {}
}
