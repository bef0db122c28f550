package io.kinesisbridge.sink.batch;

import io.kinesisbridge.common.kinesis.ShardMap;
import io.kinesisbridge.common.kinesis.ShardRange;
import io.kinesisbridge.common.sink.Packer;
import io.kinesisbridge.sink.record.KinesisUserRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.math.BigInteger;
import java.util.function.Function;

/** The two ways the sink turns records into PutRecords entries. */
public final class KinesisPackers {

  private KinesisPackers() {}

  /** One Kinesis record per Kafka record. */
  public static Packer<KinesisUserRecord, KinesisEntry> perRecord(
      Function<String, ShardMap> shardMaps) {
    return Packer.perRecord(
        r ->
            new KinesisEntry(
                r.stream(),
                plainEntry(r),
                shardOf(shardMaps.apply(r.stream()), r.hashKey()),
                false,
                1),
        KinesisUserRecord::wireSize);
  }

  /** KPL aggregates of the records bound for one shard, up to the stream's max record size. */
  public static Packer<KinesisUserRecord, KinesisEntry> aggregating(
      Function<String, ShardMap> shardMaps, Function<String, Integer> maxRecordBytes) {
    return new AggregatingPacker(shardMaps, maxRecordBytes);
  }

  /** The entry of a single, non-aggregated record. */
  static PutRecordsRequestEntry plainEntry(KinesisUserRecord record) {
    return PutRecordsRequestEntry.builder()
        .partitionKey(record.partitionKey())
        .explicitHashKey(record.explicitHashKey())
        .data(SdkBytes.fromByteArrayUnsafe(record.data()))
        .build();
  }

  /** The shard {@code record} maps to under {@code map}, or null when unknown. */
  public static String shardOfRecord(ShardMap map, KinesisUserRecord record) {
    return shardOf(map, record.hashKey());
  }

  /** The shard {@code hashKey} maps to, or null when the map has a gap there. */
  static String shardOf(ShardMap map, BigInteger hashKey) {
    return map == null ? null : map.shardFor(hashKey).map(ShardRange::shardId).orElse(null);
  }
}
