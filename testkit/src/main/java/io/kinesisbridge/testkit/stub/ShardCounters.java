package io.kinesisbridge.testkit.stub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/** Per-shard counters of one stream, added to by handler threads. Thread-safe. */
final class ShardCounters {

  private final AtomicLongArray records;
  private final AtomicLongArray userRecords;
  private final AtomicLongArray bytes;
  private final AtomicLongArray throttled;

  ShardCounters(int shards) {
    records = new AtomicLongArray(shards);
    userRecords = new AtomicLongArray(shards);
    bytes = new AtomicLongArray(shards);
    throttled = new AtomicLongArray(shards);
  }

  void accepted(int shard, long userRecordCount, long byteCount) {
    records.incrementAndGet(shard);
    userRecords.addAndGet(shard, userRecordCount);
    bytes.addAndGet(shard, byteCount);
  }

  void throttled(int shard) {
    throttled.incrementAndGet(shard);
  }

  List<ShardStats> snapshot(StubStream stream) {
    List<ShardStats> shards = new ArrayList<>(records.length());
    for (int i = 0; i < records.length(); i++) {
      shards.add(
          new ShardStats(
              stream.shardId(i),
              records.get(i),
              userRecords.get(i),
              bytes.get(i),
              throttled.get(i)));
    }
    return shards;
  }
}
