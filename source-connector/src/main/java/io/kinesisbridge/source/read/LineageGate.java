package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.ShardInfo;

import java.util.function.Predicate;

/**
 * Whether a shard may be read yet. Kinesis routes a partition key to the parent until the split or
 * merge and to a child afterwards, so reading a child before its parents are read to the end would
 * put newer records of a key ahead of older ones.
 */
public final class LineageGate {

  private LineageGate() {}

  /**
   * True when every parent of {@code shard} is finished.
   *
   * @param parentFinished tells whether the parent with the given shard id is read to its end
   */
  public static boolean readable(ShardInfo shard, Predicate<String> parentFinished) {
    return shard.parents().stream().allMatch(parentFinished);
  }
}
