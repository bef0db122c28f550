package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;

import java.util.function.Function;
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

  /**
   * True when every parent of {@code shard} is read to its end here and acknowledged by Kafka, or
   * not read here at all (the connector leaves out parents whose committed offset is finished).
   *
   * @param cursorOf this task's cursor of a shard, or null
   */
  static boolean readableHere(ShardInfo shard, Function<ShardKey, ShardCursor> cursorOf) {
    return readable(
        shard,
        parent -> {
          ShardCursor cursor = cursorOf.apply(new ShardKey(shard.stream(), parent));
          return cursor == null || cursor.finishedAndAcknowledged();
        });
  }
}
