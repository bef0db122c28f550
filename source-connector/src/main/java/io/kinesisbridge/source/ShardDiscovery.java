package io.kinesisbridge.source;

import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.offset.ShardOffset;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the shards still to read: every listed shard of every stream, minus closed shards whose
 * committed offset says they were read to their end.
 */
final class ShardDiscovery {

  private final KinesisReaderPort port;
  private final List<String> streams;
  private final OffsetStorageReader offsets;

  ShardDiscovery(KinesisReaderPort port, List<String> streams, OffsetStorageReader offsets) {
    this.port = port;
    this.streams = streams;
    this.offsets = offsets;
  }

  /** The shards to assign, sorted by stream and shard id. */
  List<ShardInfo> readableShards() {
    List<ShardInfo> listed = new ArrayList<>();
    for (String stream : streams) {
      listed.addAll(port.listShards(stream));
    }
    List<ShardInfo> closed = listed.stream().filter(ShardInfo::closed).toList();
    Map<Map<String, String>, Map<String, Object>> stored =
        closed.isEmpty() ? Map.of() : offsets.offsets(partitions(closed));
    List<ShardInfo> readable = new ArrayList<>();
    for (ShardInfo shard : listed) {
      if (!shard.closed() || !finished(stored, shard.key())) {
        readable.add(shard);
      }
    }
    readable.sort(Comparator.comparing(ShardInfo::key));
    return readable;
  }

  private static List<Map<String, String>> partitions(List<ShardInfo> shards) {
    return shards.stream().map(s -> s.key().toPartition()).toList();
  }

  private static boolean finished(
      Map<Map<String, String>, Map<String, Object>> stored, ShardKey key) {
    Map<String, Object> offset = stored == null ? null : stored.get(key.toPartition());
    return offset != null && ShardOffset.fromMap(offset).finished();
  }
}
