package io.kinesisbridge.sink;

import io.kinesisbridge.common.kinesis.StreamRef;
import io.kinesisbridge.common.sink.DeliveryConfigDefs.NullValueRule;
import io.kinesisbridge.common.sink.DeliverySink.Preparation;
import io.kinesisbridge.common.sink.DeliverySink.Prepared;
import io.kinesisbridge.common.sink.Submission;
import io.kinesisbridge.sink.batch.KinesisPackers;
import io.kinesisbridge.sink.batch.Lane;
import io.kinesisbridge.sink.kinesis.StreamCatalog;
import io.kinesisbridge.sink.record.KinesisUserRecord;
import io.kinesisbridge.sink.record.RecordPreparer;
import io.kinesisbridge.sink.record.UndeliverableRecordException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The Kinesis sink's {@link Preparation}: which stream a record goes to, its payload, partition key
 * and size check, and its lane, which carries the ordering promise of {@code kinesis.ordering}.
 */
final class KinesisRecords implements Preparation<KinesisUserRecord> {

  private static final int HASH_KEY_BITS = 128;
  private static final int SLOT_BITS = Integer.numberOfTrailingZeros(Submission.KEY_SLOTS);

  private final KinesisSinkConfig config;
  private final StreamNames streams;
  private final StreamCatalog catalog;
  private final RecordPreparer preparer;
  private final NullValueRule nullValues;

  KinesisRecords(KinesisSinkConfig config, StreamNames streams, StreamCatalog catalog) {
    this.config = config;
    this.streams = streams;
    this.catalog = catalog;
    this.preparer =
        new RecordPreparer(
            config.partitionKeyStrategy(), config.spreadPartitions(), config.payloadFormat());
    this.nullValues = config.delivery().nullValueRule();
  }

  /**
   * Describes the topic's stream before the batch is prepared, so a failure leaves nothing
   * half-taken.
   */
  @Override
  public void loadDestination(String topic) {
    catalog.ensureLoaded(streams.streamFor(topic));
  }

  @Override
  public Prepared<KinesisUserRecord> prepare(SinkRecord record) {
    if (record.value() == null && nullValues.skip()) {
      return Prepared.skip(record);
    }
    // The stream follows the topic after SMTs; offsets follow where the record was read.
    StreamRef target;
    try {
      target = streams.streamFor(record.topic());
    } catch (IllegalArgumentException badName) {
      // The topic turns the ${topic} template into no valid stream: none of its records can go.
      return Prepared.reject(new UndeliverableRecordException(badName.getMessage(), badName));
    }
    String stream = target.name();
    try {
      if (record.value() == null && !nullValues.send()) {
        throw new UndeliverableRecordException(nullValues.rejection());
      }
      // A record must fit the stream's record limit and, alone, a whole request.
      int limit = Math.min(catalog.maxRecordBytes(stream), config.batchMaxBytes());
      KinesisUserRecord prepared =
          preparer.prepare(stream, record, () -> catalog.shardMap(stream), limit);
      String shard = KinesisPackers.shardOfRecord(catalog.shardMap(stream), prepared);
      int slot = orderingSlot(prepared);
      return Prepared.send(
          new Submission<>(
              prepared.topicPartition(),
              prepared.offset(),
              stream,
              lane(prepared, shard),
              prepared,
              prepared.wireSize(),
              orderSlot(prepared, slot),
              shard));
    } catch (UndeliverableRecordException e) {
      return Prepared.reject(e);
    }
  }

  /**
   * The ordering slot of a record: the top 12 bits of its 128-bit hash key, so a slot is a slice of
   * the hash key space and its keys belong to one shard (a shard owns a contiguous range).
   * Aggregation needs that: a shard's lane holds the slots of its records, and a slot of keys of
   * several shards would bring other shards' records into the lane and cut each aggregate short.
   * With spread-partitions the hash key is a shard's midpoint, which moves with the shard map: the
   * slot is then the Kafka partition's (offset order only exists within a partition, and all of a
   * partition's records go to one shard).
   */
  private int orderingSlot(KinesisUserRecord record) {
    if (config.spreadPartitions()) {
      return Submission.keySlot(record.topicPartition().hashCode());
    }
    return record.hashKey().shiftRight(HASH_KEY_BITS - SLOT_BITS).intValue()
        & (Submission.KEY_SLOTS - 1);
  }

  /**
   * Per key, one lane per key (its hash key; the partition's with spread-partitions, whose hash key
   * is a shard's midpoint), so keys never wait for each other, not even keys that share an ordering
   * slot, and a new shard map cannot reorder a key. The pipeline drops a lane once it holds
   * nothing, so lanes stay at most as many as the records buffered. Aggregating, one lane per shard
   * (an aggregate packs one shard's records), whose records stay in order across a reshard through
   * their {@link #orderSlot}. Unordered, one lane per shard, so a throttled shard holds back only
   * its own records.
   */
  private Lane lane(KinesisUserRecord record, String shard) {
    return switch (config.ordering()) {
      case PER_KEY -> config.aggregationEnabled() ? new Lane(null, shard, null) : keyLane(record);
      case PER_PARTITION -> new Lane(record.topicPartition(), shard, null);
      case NONE -> new Lane(null, shard, null);
    };
  }

  private Lane keyLane(KinesisUserRecord record) {
    return config.spreadPartitions()
        ? new Lane(record.topicPartition(), null, null)
        : new Lane(null, null, record.hashKey());
  }

  /**
   * The slot whose records keep submit order when a new shard map sends them to another lane: the
   * key's when aggregating per key, the partition's per partition (a collision of two partitions
   * costs concurrency, never order). Per key without aggregation the lane is the key already.
   */
  private int orderSlot(KinesisUserRecord record, int keySlot) {
    return switch (config.ordering()) {
      case PER_KEY -> config.aggregationEnabled() ? keySlot : Submission.NO_SLOT;
      case PER_PARTITION -> Submission.keySlot(record.topicPartition().hashCode());
      case NONE -> Submission.NO_SLOT;
    };
  }
}
