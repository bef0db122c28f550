package io.kinesisbridge.source.offset;

import io.kinesisbridge.source.kinesis.ShardKey;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads committed shard offsets from Connect. Connect keys an offset by the JSON bytes of its
 * partition, key order included, so each shard is looked up under both orders of {@code {stream,
 * shard}} (see {@link ShardKey#toPartition()}); when both hold an offset, the further one counts.
 * The two orders are asked in separate calls because the reader's answer is keyed by the partition
 * map, and the two maps are equal.
 */
public final class StoredOffsets {

  private StoredOffsets() {}

  /** The committed offsets of {@code shards}; shards without one are absent. */
  public static Map<ShardKey, ShardOffset> read(
      OffsetStorageReader reader, Collection<ShardKey> shards) {
    Map<ShardKey, ShardOffset> offsets = new HashMap<>();
    if (shards.isEmpty()) {
      return offsets;
    }
    collect(reader, shards, ShardKey::toPartition, offsets);
    collect(reader, shards, ShardKey::toPartitionShardFirst, offsets);
    return offsets;
  }

  private static void collect(
      OffsetStorageReader reader,
      Collection<ShardKey> shards,
      Function<ShardKey, Map<String, String>> partitionOf,
      Map<ShardKey, ShardOffset> offsets) {
    List<Map<String, String>> partitions = shards.stream().map(partitionOf).toList();
    Map<Map<String, String>, Map<String, Object>> stored = reader.offsets(partitions);
    if (stored == null) {
      return;
    }
    for (ShardKey shard : shards) {
      ShardOffset offset = ShardOffset.fromMap(stored.get(partitionOf.apply(shard)));
      if (offset != null) {
        offsets.merge(shard, offset, ShardOffset::furthest);
      }
    }
  }
}
