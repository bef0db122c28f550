package io.kinesisbridge.source.read;

import io.kinesisbridge.common.aggregation.AggregateDecoder;
import io.kinesisbridge.common.aggregation.AggregationFormatException;
import io.kinesisbridge.common.aggregation.DeaggregatedRecord;
import io.kinesisbridge.common.aggregation.HashKeys;
import io.kinesisbridge.common.aggregation.UserRecord;
import io.kinesisbridge.source.kinesis.HashKeyRange;
import io.kinesisbridge.source.kinesis.KinesisRecordData;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.offset.ShardOffset;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns Kinesis records into Connect records: deaggregates KPL records, skips user records at or
 * before the resume position, and sets key, value, timestamp, headers and the source offset.
 */
public final class RecordConverter {

  /** Header names of the Kafka records. */
  public static final String STREAM_HEADER = "kinesis.stream";

  public static final String SHARD_HEADER = "kinesis.shard.id";
  public static final String SEQUENCE_HEADER = "kinesis.sequence.number";
  public static final String SUBSEQUENCE_HEADER = "kinesis.sub.sequence.number";
  public static final String PARTITION_KEY_HEADER = "kinesis.partition.key";

  private static final Logger LOG = LoggerFactory.getLogger(RecordConverter.class);

  private final Function<String, String> topicForStream;
  private final boolean deaggregate;

  /**
   * A converter.
   *
   * @param topicForStream the Kafka topic of each stream's records
   * @param deaggregate whether KPL aggregates are split
   */
  public RecordConverter(Function<String, String> topicForStream, boolean deaggregate) {
    this.topicForStream = topicForStream;
    this.deaggregate = deaggregate;
  }

  /**
   * Converts one Kinesis record, handing each user record after {@code resumeAfter} to {@code sink}
   * in order.
   *
   * <p>An aggregate holding a user record whose hash key lies outside {@code shard}'s hash key
   * range is dropped whole, as AWS's KCL does: it landed on this shard because the producer's shard
   * map was out of date (a reshard), and the producer re-sends every user record of such an
   * aggregate (the KPL does, and so does this project's sink), so delivering any of them would
   * deliver it twice.
   *
   * @param resumeAfter the last delivered position of the shard, or null
   * @return how many user records were dropped for lying outside the shard's hash key range: all of
   *     the aggregate's, or 0
   */
  public int convert(
      ShardInfo shard,
      KinesisRecordData record,
      ShardOffset resumeAfter,
      Consumer<SourceRecord> sink) {
    List<DeaggregatedRecord> users = userRecords(shard.key(), record);
    if (!belongToShard(shard, users)) {
      return users.size();
    }
    for (DeaggregatedRecord user : users) {
      long sub = user.subSequenceNumber();
      if (resumeAfter != null && resumeAfter.covers(record.sequenceNumber(), sub)) {
        continue;
      }
      sink.accept(toSourceRecord(shard.key(), record, user));
    }
    return 0;
  }

  /**
   * Whether every user record of an aggregate hashes into the shard's range. Plain records are
   * always where Kinesis routed them; a range not known (old task config, emulator) checks nothing.
   */
  private static boolean belongToShard(ShardInfo shard, List<DeaggregatedRecord> users) {
    HashKeyRange range = shard.hashKeyRange();
    if (range == null) {
      return true;
    }
    for (DeaggregatedRecord user : users) {
      if (user.aggregated() && !range.contains(hashKey(user))) {
        return false;
      }
    }
    return true;
  }

  /** The record's hash key; an explicit hash key Kinesis would refuse belongs to no shard. */
  private static BigInteger hashKey(DeaggregatedRecord user) {
    try {
      return HashKeys.effectiveHashKey(user.userRecord());
    } catch (IllegalArgumentException e) {
      return BigInteger.ONE.negate();
    }
  }

  private List<DeaggregatedRecord> userRecords(ShardKey shard, KinesisRecordData record) {
    if (!deaggregate) {
      return List.of(plain(record));
    }
    try {
      return AggregateDecoder.decode(record.partitionKey(), record.data());
    } catch (AggregationFormatException e) {
      // As AWS's KCL does: deliver the bytes unchanged rather than drop the record silently.
      LOG.warn(
          "Record {} of {} starts with the KPL magic but is not a valid aggregate ({});"
              + " delivering its bytes unchanged",
          record.sequenceNumber(),
          shard,
          e.getMessage());
      return List.of(plain(record));
    }
  }

  private static DeaggregatedRecord plain(KinesisRecordData record) {
    return new DeaggregatedRecord(UserRecord.of(record.partitionKey(), record.data()), 0, false);
  }

  private SourceRecord toSourceRecord(
      ShardKey shard, KinesisRecordData record, DeaggregatedRecord user) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(STREAM_HEADER, shard.stream());
    headers.addString(SHARD_HEADER, shard.shardId());
    headers.addString(SEQUENCE_HEADER, record.sequenceNumber());
    if (user.aggregated()) {
      headers.addLong(SUBSEQUENCE_HEADER, user.subSequenceNumber());
    }
    headers.addString(PARTITION_KEY_HEADER, user.partitionKey());
    ShardOffset offset = new ShardOffset(record.sequenceNumber(), user.subSequenceNumber(), false);
    return new SourceRecord(
        shard.toPartition(),
        offset.toMap(),
        topicForStream.apply(shard.stream()),
        null,
        Schema.STRING_SCHEMA,
        user.partitionKey(),
        Schema.BYTES_SCHEMA,
        user.data(),
        record.arrival() == null ? null : record.arrival().toEpochMilli(),
        headers);
  }

  /** {@code record} with its source offset marked as the end of a closed shard. */
  public static SourceRecord markFinished(SourceRecord record) {
    ShardOffset offset = ShardOffset.fromMap(record.sourceOffset()).asFinished();
    return new SourceRecord(
        record.sourcePartition(),
        offset.toMap(),
        record.topic(),
        record.kafkaPartition(),
        record.keySchema(),
        record.key(),
        record.valueSchema(),
        record.value(),
        record.timestamp(),
        record.headers());
  }
}
