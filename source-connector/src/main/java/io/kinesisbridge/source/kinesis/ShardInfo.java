package io.kinesisbridge.source.kinesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A shard as ListShards describes it, reduced to what assignment and lineage need.
 *
 * @param stream the stream's name
 * @param shardId the shard's id
 * @param parentShardId the parent shard (split or merge), or null
 * @param adjacentParentShardId the second parent of a merge, or null
 * @param closed whether the shard has an ending sequence number (it takes no more writes)
 * @param hashKeyRange the hash keys the shard owns, or null when unknown (then no user record of an
 *     aggregate is checked against it)
 */
public record ShardInfo(
    String stream,
    String shardId,
    String parentShardId,
    String adjacentParentShardId,
    boolean closed,
    HashKeyRange hashKeyRange) {

  /** Checks the names. */
  public ShardInfo {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(shardId, "shardId");
  }

  /** A shard whose hash key range is unknown. */
  public ShardInfo(
      String stream,
      String shardId,
      String parentShardId,
      String adjacentParentShardId,
      boolean closed) {
    this(stream, shardId, parentShardId, adjacentParentShardId, closed, null);
  }

  /** An open shard without parents; handy in tests. */
  public static ShardInfo open(String stream, String shardId) {
    return new ShardInfo(stream, shardId, null, null, false);
  }

  /** The parents' ids (zero, one or two). */
  public List<String> parents() {
    List<String> parents = new ArrayList<>(2);
    if (parentShardId != null) {
      parents.add(parentShardId);
    }
    if (adjacentParentShardId != null) {
      parents.add(adjacentParentShardId);
    }
    return parents;
  }

  /** The key identifying this shard across streams. */
  public ShardKey key() {
    return new ShardKey(stream, shardId);
  }
}
