package io.kinesisbridge.source.assign;

import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spreads shards over at most {@code maxTasks} tasks, balanced by shard count.
 *
 * <p>A shard and its parents always land on the same task (a "family": shards linked by
 * parent/child relations). That lets a task hold a child back until its parents are read to the end
 * without waiting for another task's offsets to commit, which keeps per-key order across
 * resharding. Families are placed largest first on the least loaded task, so the result is
 * deterministic and no task gets more than one family's worth above another.
 */
public final class ShardAssigner {

  private ShardAssigner() {}

  /**
   * Assigns {@code shards}.
   *
   * @param shards the shards to read (already without finished ones)
   * @param maxTasks the upper bound on tasks
   * @return one non-empty list per task, at most {@code maxTasks}; empty when there are no shards
   */
  public static List<List<ShardInfo>> assign(List<ShardInfo> shards, int maxTasks) {
    if (maxTasks < 1) {
      throw new IllegalArgumentException("maxTasks must be at least 1, not " + maxTasks);
    }
    List<List<ShardInfo>> families = families(shards);
    families.sort(
        Comparator.<List<ShardInfo>>comparingInt(List::size)
            .reversed()
            .thenComparing(f -> f.get(0).key()));
    int taskCount = Math.min(maxTasks, families.size());
    List<List<ShardInfo>> tasks = new ArrayList<>(taskCount);
    for (int i = 0; i < taskCount; i++) {
      tasks.add(new ArrayList<>());
    }
    for (List<ShardInfo> family : families) {
      List<ShardInfo> target = tasks.get(0);
      for (List<ShardInfo> task : tasks) {
        if (task.size() < target.size()) {
          target = task;
        }
      }
      target.addAll(family);
    }
    return tasks;
  }

  /** Groups shards linked by parent relations, each group in key order. */
  static List<List<ShardInfo>> families(List<ShardInfo> shards) {
    Map<ShardKey, ShardKey> root = new HashMap<>();
    for (ShardInfo shard : shards) {
      root.put(shard.key(), shard.key());
    }
    for (ShardInfo shard : shards) {
      for (String parent : shard.parents()) {
        ShardKey parentKey = new ShardKey(shard.stream(), parent);
        if (root.containsKey(parentKey)) {
          root.put(find(root, parentKey), find(root, shard.key()));
        }
      }
    }
    Map<ShardKey, List<ShardInfo>> groups = new TreeMap<>();
    shards.stream()
        .sorted(Comparator.comparing(ShardInfo::key))
        .forEach(s -> groups.computeIfAbsent(find(root, s.key()), k -> new ArrayList<>()).add(s));
    return new ArrayList<>(groups.values());
  }

  private static ShardKey find(Map<ShardKey, ShardKey> root, ShardKey key) {
    ShardKey current = key;
    while (!root.get(current).equals(current)) {
      current = root.get(current);
    }
    return current;
  }
}
