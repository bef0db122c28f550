package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.StartPosition;
import io.kinesisbridge.source.offset.ShardOffset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where a shard without a committed offset starts. {@code kinesis.initial.position} is meant for
 * shards the connector meets for the first time; a child of a shard the connector actually read
 * starts at TRIM_HORIZON instead, because with LATEST or AT_TIMESTAMP the records written to the
 * child between the reshard and its first read would be skipped.
 *
 * <p>A parent counts as read when it has a committed offset, or when this task reads it in this run
 * from a live position: it was open when the run started, so everything written to it from then on
 * is read. A parent that was already closed and has no offset is not read in that sense (with
 * LATEST it yields nothing): its child honours the initial position rather than replaying its whole
 * history. With AT_TIMESTAMP that is exact, since a child's records all came after its parent's.
 * Both readers apply this rule, the fan-out reader also to the children it adopts.
 */
final class StartingPoints {

  private StartingPoints() {}

  /** A cursor per assigned shard, starting after its committed offset or at its first position. */
  static List<ShardCursor> cursors(
      List<ShardInfo> assigned,
      Map<ShardKey, ShardOffset> committed,
      StartPosition initial,
      LongSupplier clock) {
    Map<ShardKey, ShardInfo> here =
        assigned.stream().collect(Collectors.toMap(ShardInfo::key, shard -> shard, (a, b) -> a));
    List<ShardCursor> cursors = new ArrayList<>();
    for (ShardInfo shard : assigned) {
      StartPosition first =
          firstPosition(shard, parent -> read(here.get(parent), committed.get(parent)), initial);
      cursors.add(new ShardCursor(shard, committed.get(shard.key()), first, clock));
    }
    return cursors;
  }

  /**
   * The first position of {@code shard}: TRIM_HORIZON when the connector read one of its parents,
   * else {@code initial} (kinesis.initial.position).
   */
  static StartPosition firstPosition(
      ShardInfo shard, Predicate<ShardKey> parentRead, StartPosition initial) {
    for (String parent : shard.parents()) {
      if (parentRead.test(new ShardKey(shard.stream(), parent))) {
        return StartPosition.trimHorizon();
      }
    }
    return initial;
  }

  /**
   * Whether the connector read a parent.
   *
   * @param readHere the parent as this task was given it at the start of its run, or null
   * @param position the parent's committed or delivered position, or null
   */
  static boolean read(ShardInfo readHere, ShardOffset position) {
    return position != null || (readHere != null && !readHere.closed());
  }
}
