package io.kinesisbridge.source;

import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.offset.ShardOffset;
import io.kinesisbridge.source.offset.StoredOffsets;
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
    List<ShardKey> closed = listed.stream().filter(ShardInfo::closed).map(ShardInfo::key).toList();
    Map<ShardKey, ShardOffset> stored = StoredOffsets.read(offsets, closed);
    List<ShardInfo> readable = new ArrayList<>();
    for (ShardInfo shard : listed) {
      ShardOffset offset = stored.get(shard.key());
      if (!shard.closed() || offset == null || !offset.finished()) {
        readable.add(shard);
      }
    }
    readable.sort(Comparator.comparing(ShardInfo::key));
    return readable;
  }
}
