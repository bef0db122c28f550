package io.kinesisbridge.sink.record;

import io.kinesisbridge.common.aggregation.HashKeys;
import io.kinesisbridge.common.connect.RecordOrigin;
import io.kinesisbridge.common.convert.RecordPayload;
import io.kinesisbridge.common.kinesis.ShardMap;
import io.kinesisbridge.common.kinesis.ShardRange;
import io.kinesisbridge.sink.key.PartitionKeyStrategy;
import org.apache.kafka.connect.sink.SinkRecord;

import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * Turns a SinkRecord into a {@link KinesisUserRecord}: payload bytes, partition key, hash key and
 * the size check against the stream's limit. Throws {@link UndeliverableRecordException} for a
 * record that can never be delivered, so the task can report it and go on with the others.
 */
public final class RecordPreparer {

  private final PartitionKeyStrategy keys;
  private final boolean spreadPartitions;
  private final RecordPayload payload;

  /**
   * A preparer that sends the record value alone.
   *
   * @param keys how partition keys are chosen
   * @param spreadPartitions whether Kafka partition p goes to open shard p mod shards
   */
  public RecordPreparer(PartitionKeyStrategy keys, boolean spreadPartitions) {
    this(keys, spreadPartitions, RecordPayload.value());
  }

  /**
   * @param keys how partition keys are chosen
   * @param spreadPartitions whether Kafka partition p goes to open shard p mod shards
   * @param payload what the Kinesis data holds: the value or the record's envelope
   */
  public RecordPreparer(
      PartitionKeyStrategy keys, boolean spreadPartitions, RecordPayload payload) {
    this.keys = keys;
    this.spreadPartitions = spreadPartitions;
    this.payload = payload;
  }

  /**
   * Prepares {@code record} (its value must not be null unless the payload is the envelope). The
   * size check applies to the data as sent, so an envelope counts with its key, headers and base64
   * overhead.
   *
   * @param stream the stream it goes to
   * @param shardMap the stream's current shard map, consulted only for spread-partitions
   * @param maxRecordBytes the stream's max record size (data plus partition key)
   */
  public KinesisUserRecord prepare(
      String stream, SinkRecord record, Supplier<ShardMap> shardMap, int maxRecordBytes) {
    RecordOrigin origin = RecordOrigin.of(record);
    byte[] data;
    String partitionKey;
    try {
      data = payload.payloadOf(record, origin);
      partitionKey = keys.keyFor(record);
    } catch (RuntimeException e) {
      throw new UndeliverableRecordException(e.getMessage(), e);
    }
    String explicitHashKey = null;
    BigInteger hashKey;
    if (spreadPartitions) {
      ShardMap shards = shardMap.get();
      ShardRange shard = shards.shards().get(Math.floorMod(record.kafkaPartition(), shards.size()));
      hashKey = shard.midpoint();
      explicitHashKey = hashKey.toString();
    } else {
      hashKey = HashKeys.hashKeyOf(partitionKey);
    }
    KinesisUserRecord prepared =
        new KinesisUserRecord(
            stream,
            origin.partition(),
            origin.offset(),
            partitionKey,
            explicitHashKey,
            hashKey,
            data);
    if (prepared.wireSize() > maxRecordBytes) {
      throw new UndeliverableRecordException(
          "record is "
              + prepared.wireSize()
              + " bytes (data plus partition key), over the stream's maximum record size of "
              + maxRecordBytes
              + " bytes");
    }
    return prepared;
  }
}
