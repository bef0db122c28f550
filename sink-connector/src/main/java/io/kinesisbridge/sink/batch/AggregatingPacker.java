package io.kinesisbridge.sink.batch;

import io.kinesisbridge.common.aggregation.Aggregate;
import io.kinesisbridge.common.aggregation.AggregateBuilder;
import io.kinesisbridge.common.aggregation.UserRecord;
import io.kinesisbridge.common.kinesis.ShardMap;
import io.kinesisbridge.common.sink.Packer;
import io.kinesisbridge.common.sink.Packer.PackBudget;
import io.kinesisbridge.common.sink.Packer.Packed;
import io.kinesisbridge.sink.record.KinesisUserRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Packs consecutive records of a lane into KPL aggregates. An aggregate only ever holds records
 * that map to one shard under the current shard map (the KCL drops an aggregate holding a record of
 * another shard), and stays within the stream's max record size. A record too large to share an
 * aggregate goes alone, not aggregated: readers accept both.
 */
final class AggregatingPacker implements Packer<KinesisUserRecord, KinesisEntry> {

  private final Function<String, ShardMap> shardMap;
  private final Function<String, Integer> maxRecordBytes;

  /** Both functions take the stream name; a lane's records all go to one stream. */
  AggregatingPacker(Function<String, ShardMap> shardMap, Function<String, Integer> maxRecordBytes) {
    this.shardMap = shardMap;
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public List<Packed<KinesisEntry>> pack(List<KinesisUserRecord> run, PackBudget budget) {
    List<Packed<KinesisEntry>> packed = new ArrayList<>();
    if (run.isEmpty()) {
      return packed;
    }
    String stream = run.get(0).stream();
    ShardMap map = shardMap.apply(stream);
    int limit = maxRecordBytes.apply(stream);
    long bytesLeft = budget.maxBytes();
    int next = 0;
    while (next < run.size() && packed.size() < budget.entryLimit()) {
      Packed<KinesisEntry> entry = packOne(run, next, map, (int) Math.min(limit, bytesLeft));
      if (entry == null) {
        break;
      }
      packed.add(entry);
      bytesLeft -= entry.wireBytes();
      next += entry.recordCount();
    }
    return packed;
  }

  /** The entry starting at {@code start}, or null when not even one record fits in {@code room}. */
  private static Packed<KinesisEntry> packOne(
      List<KinesisUserRecord> run, int start, ShardMap map, int room) {
    KinesisUserRecord first = run.get(start);
    String shard = KinesisPackers.shardOf(map, first.hashKey());
    AggregateBuilder builder = new AggregateBuilder();
    int keyBytes = first.partitionKey().getBytes(StandardCharsets.UTF_8).length;
    int count = 0;
    for (int i = start; i < run.size(); i++) {
      KinesisUserRecord record = run.get(i);
      if (count > 0 && !sameShard(shard, map, record)) {
        break;
      }
      UserRecord user =
          new UserRecord(record.partitionKey(), record.explicitHashKey(), record.data());
      if (builder.sizeIfAdded(user) + keyBytes > room) {
        break;
      }
      builder.add(user);
      count++;
    }
    if (count == 0) {
      return first.wireSize() <= room ? alone(first, shard) : null;
    }
    Aggregate aggregate = builder.build();
    PutRecordsRequestEntry entry =
        PutRecordsRequestEntry.builder()
            .partitionKey(aggregate.partitionKey())
            .explicitHashKey(aggregate.explicitHashKey())
            .data(SdkBytes.fromByteArrayUnsafe(aggregate.data()))
            .build();
    KinesisEntry packed = new KinesisEntry(first.stream(), entry, shard, true, count);
    return new Packed<>(packed, count, aggregate.data().length + keyBytes);
  }

  private static boolean sameShard(String shard, ShardMap map, KinesisUserRecord record) {
    String other = KinesisPackers.shardOf(map, record.hashKey());
    return shard != null && shard.equals(other);
  }

  private static Packed<KinesisEntry> alone(KinesisUserRecord record, String shard) {
    KinesisEntry entry =
        new KinesisEntry(record.stream(), KinesisPackers.plainEntry(record), shard, false, 1);
    return new Packed<>(entry, 1, record.wireSize());
  }
}
