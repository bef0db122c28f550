package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.StartPosition;
import io.kinesisbridge.source.offset.ShardOffset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Where a shard without a committed offset starts. {@code kinesis.initial.position} is meant for
 * shards the connector meets for the first time; a child of a shard the connector has read (it
 * holds an offset, or this task reads it now) starts at TRIM_HORIZON instead, because with LATEST
 * or AT_TIMESTAMP the records written to the child between the reshard and its first read would be
 * skipped.
 */
final class StartingPoints {

  private StartingPoints() {}

  /** A cursor per assigned shard, starting after its committed offset or at its first position. */
  static List<ShardCursor> cursors(
      List<ShardInfo> assigned,
      Map<ShardKey, ShardOffset> committed,
      StartPosition initial,
      LongSupplier clock) {
    Set<ShardKey> readHere = assigned.stream().map(ShardInfo::key).collect(Collectors.toSet());
    List<ShardCursor> cursors = new ArrayList<>();
    for (ShardInfo shard : assigned) {
      StartPosition first = firstPosition(shard, committed, readHere, initial);
      cursors.add(new ShardCursor(shard, committed.get(shard.key()), first, clock));
    }
    return cursors;
  }

  /**
   * The first position of {@code shard}.
   *
   * @param committed committed offsets of this task's shards and of their parents
   * @param readHere the shards this task reads
   * @param initial kinesis.initial.position
   */
  static StartPosition firstPosition(
      ShardInfo shard,
      Map<ShardKey, ShardOffset> committed,
      Set<ShardKey> readHere,
      StartPosition initial) {
    for (String parent : shard.parents()) {
      ShardKey key = new ShardKey(shard.stream(), parent);
      if (committed.containsKey(key) || readHere.contains(key)) {
        return StartPosition.trimHorizon();
      }
    }
    return initial;
  }
}
