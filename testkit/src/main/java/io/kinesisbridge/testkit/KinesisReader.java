package io.kinesisbridge.testkit;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads everything a Kinesis stream holds right now, over all its shards, open and closed: what a
 * sink test checks after the connector has delivered.
 *
 * <p>Shards come in ListShards order (parents before children) and each shard's records in sequence
 * order. Reading is sequential and paced to at most 5 GetRecords calls per second and shard;
 * kinesis-mock serves about 2,000 records per second in total, so budget some seconds per 10,000
 * records. {@link #readAllDeaggregated(String)} decodes KPL aggregates with AWS's own KCL code
 * ({@link AggregatorUtil}), exactly as a KCL consumer of the stream would.
 *
 * <pre>{@code
 * KinesisReader reader = new KinesisReader(kinesis);
 * assertThat(reader.readAll("orders")).hasSize(3_000);
 * DeaggregatedRecords read = reader.readAllDeaggregated("orders");
 * assertThat(read.droppedAggregateCount()).isZero();
 * }</pre>
 */
public final class KinesisReader {

  /** How long a whole read may take unless {@link #withTimeout(Duration)} says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private final KinesisClient kinesis;
  private final Duration timeout;

  /** A reader using {@code kinesis} (not closed by the reader) with {@link #DEFAULT_TIMEOUT}. */
  public KinesisReader(KinesisClient kinesis) {
    this(kinesis, DEFAULT_TIMEOUT);
  }

  private KinesisReader(KinesisClient kinesis, Duration timeout) {
    this.kinesis = Objects.requireNonNull(kinesis, "kinesis");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** A reader that gives up on a whole read after {@code timeout}. */
  public KinesisReader withTimeout(Duration timeout) {
    return new KinesisReader(kinesis, timeout);
  }

  /**
   * Every Kinesis record of {@code stream} as stored: an aggregate is one record here.
   *
   * @throws IllegalStateException when the read takes longer than the timeout
   */
  public List<KinesisRecord> readAll(String stream) {
    ShardReader reader = new ShardReader(kinesis, stream, Instant.now().plus(timeout));
    List<KinesisRecord> all = new ArrayList<>();
    for (Shard shard : KinesisStreams.listShards(kinesis, stream)) {
      for (Record record : reader.read(shard.shardId())) {
        all.add(
            new KinesisRecord(
                shard.shardId(),
                record.sequenceNumber(),
                record.partitionKey(),
                record.data().asByteArray(),
                record.approximateArrivalTimestamp()));
      }
    }
    return all;
  }

  /**
   * Every user record of {@code stream} as a KCL consumer sees it: aggregates are unpacked with
   * sub-sequence numbers, checked against the hash key range of the shard they were read from,
   * plain records pass as they are.
   *
   * @throws IllegalStateException when the read takes longer than the timeout
   */
  public DeaggregatedRecords readAllDeaggregated(String stream) {
    ShardReader reader = new ShardReader(kinesis, stream, Instant.now().plus(timeout));
    AggregatorUtil kcl = new AggregatorUtil();
    List<KinesisUserRecord> users = new ArrayList<>();
    int kinesisRecords = 0;
    int aggregates = 0;
    int dropped = 0;
    for (Shard shard : KinesisStreams.listShards(kinesis, stream)) {
      HashKeyRange range = shard.hashKeyRange();
      for (Record record : reader.read(shard.shardId())) {
        kinesisRecords++;
        // One at a time, so that an aggregate KCL drops whole can be counted.
        List<KinesisClientRecord> unpacked =
            kcl.deaggregate(
                List.of(KinesisClientRecord.fromRecord(record)),
                range.startingHashKey(),
                range.endingHashKey());
        boolean droppedWhole = unpacked.isEmpty() && hasAggregateMagic(record);
        if (droppedWhole || unpacked.stream().anyMatch(KinesisClientRecord::aggregated)) {
          aggregates++;
        }
        dropped += droppedWhole ? 1 : 0;
        unpacked.forEach(user -> users.add(userRecord(shard.shardId(), user)));
      }
    }
    return new DeaggregatedRecords(users, kinesisRecords, aggregates, dropped);
  }

  /**
   * Whether {@code record} looks like an aggregate to KCL: the KPL magic followed by more than the
   * 16-byte checksum. (One whose checksum does not match, KCL passes on as a plain record.)
   */
  private static boolean hasAggregateMagic(Record record) {
    byte[] magic = AggregatorUtil.AGGREGATED_RECORD_MAGIC;
    byte[] data = record.data().asByteArrayUnsafe();
    return data.length > magic.length + 16
        && Arrays.equals(data, 0, magic.length, magic, 0, magic.length);
  }

  private static KinesisUserRecord userRecord(String shardId, KinesisClientRecord user) {
    return new KinesisUserRecord(
        shardId,
        user.sequenceNumber(),
        user.subSequenceNumber(),
        user.aggregated(),
        user.partitionKey(),
        user.explicitHashKey(),
        bytes(user.data()),
        user.approximateArrivalTimestamp());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
