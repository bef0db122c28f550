package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.offset.ShardOffset;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The offsets Connect committed for shards. A reader asks at start for its shards and their
 * parents, and again for a child it adopts during the run: the child may have been read by this
 * task before a restart, and must then resume after its offset rather than from its first record.
 */
@FunctionalInterface
public interface CommittedOffsets {

  /** The committed offsets of those of {@code shards} that have one. */
  Map<ShardKey, ShardOffset> of(Collection<ShardKey> shards);

  /**
   * The committed offsets of {@code shards} and of their parents; shards without one are absent.
   */
  default Map<ShardKey, ShardOffset> ofShardsAndParents(List<ShardInfo> shards) {
    Set<ShardKey> keys = new LinkedHashSet<>();
    for (ShardInfo shard : shards) {
      keys.add(shard.key());
      shard.parents().forEach(parent -> keys.add(new ShardKey(shard.stream(), parent)));
    }
    return of(keys);
  }

  /** Offsets held in a map, e.g. read before the reader starts. */
  static CommittedOffsets in(Map<ShardKey, ShardOffset> offsets) {
    return shards ->
        shards.stream()
            .filter(offsets::containsKey)
            .collect(Collectors.toMap(key -> key, offsets::get));
  }
}
