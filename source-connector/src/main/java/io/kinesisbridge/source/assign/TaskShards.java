package io.kinesisbridge.source.assign;

import io.kinesisbridge.source.kinesis.HashKeyRange;
import io.kinesisbridge.source.kinesis.ShardInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The shards of one task as a task config value. Stream names and shard ids hold only letters,
 * digits, '_', '.' and '-', so ',' between shards and ':' between fields cannot clash.
 */
public final class TaskShards {

  /** Task config key holding the encoded shards. */
  public static final String CONFIG = "task.shards";

  private TaskShards() {}

  /**
   * Encodes {@code shards} as {@code
   * stream:shard:parent:adjacentParent:closed:hashStart:hashEnd,...} (the hash key range fields
   * empty when unknown).
   */
  public static String encode(List<ShardInfo> shards) {
    List<String> parts = new ArrayList<>(shards.size());
    for (ShardInfo shard : shards) {
      HashKeyRange range = shard.hashKeyRange();
      parts.add(
          String.join(
              ":",
              shard.stream(),
              shard.shardId(),
              orEmpty(shard.parentShardId()),
              orEmpty(shard.adjacentParentShardId()),
              Boolean.toString(shard.closed()),
              range == null ? "" : range.start().toString(),
              range == null ? "" : range.end().toString()));
    }
    return String.join(",", parts);
  }

  /**
   * Decodes what {@link #encode} wrote; also the five fields without a hash key range that older
   * versions wrote, as a task may start from a task config stored before an upgrade.
   */
  public static List<ShardInfo> decode(String value) {
    List<ShardInfo> shards = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return shards;
    }
    for (String part : value.split(",")) {
      String[] fields = part.split(":", -1);
      if (fields.length != 5 && fields.length != 7) {
        throw new IllegalArgumentException("malformed shard entry '" + part + "'");
      }
      boolean ranged = fields.length == 7 && !fields[5].isEmpty();
      shards.add(
          new ShardInfo(
              fields[0],
              fields[1],
              orNull(fields[2]),
              orNull(fields[3]),
              Boolean.parseBoolean(fields[4]),
              ranged ? HashKeyRange.of(fields[5], fields[6]) : null));
    }
    return shards;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String orNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
