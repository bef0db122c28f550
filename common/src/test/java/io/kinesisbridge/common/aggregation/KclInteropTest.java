package io.kinesisbridge.common.aggregation;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.Messages;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.kinesisbridge.common.aggregation.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Cross-checks the codec against AWS's KCL 3.2.0: what the sink writes must be readable by KCL
 * consumers, and what KPL producers write must be readable by the source.
 *
 * <p>KCL 3.2.0 has no aggregator (only {@link AggregatorUtil}, which deaggregates), so the producer
 * direction is checked against KCL's bundled protobuf classes for the KPL schema.
 */
class KclInteropTest {

  private static final String FULL_RANGE_START = "0";
  private static final String FULL_RANGE_END = HashKeys.MAX_HASH_KEY.toString();

  static Stream<Arguments> nonEmptyRecordSets() {
    return Stream.of(
        argumentSet("a single record", TestRecords.single()),
        argumentSet("500 records", TestRecords.fiveHundred()),
        argumentSet("records filling almost 1 MiB", TestRecords.nearOneMib()),
        argumentSet("300 random records with unicode keys", TestRecords.random(9, 300)));
  }

  @ParameterizedTest
  @MethodSource("nonEmptyRecordSets")
  void kclDeaggregatesOurAggregatesIntoTheSameUserRecords(List<UserRecord> records) {
    List<KinesisClientRecord> deaggregated =
        new AggregatorUtil()
            .deaggregate(
                List.of(kinesisRecord(aggregateOf(records))), FULL_RANGE_START, FULL_RANGE_END);

    assertThat(deaggregated)
        .extracting(KclInteropTest::userRecordOf)
        .containsExactlyElementsOf(records);
    assertThat(deaggregated)
        .extracting(KinesisClientRecord::subSequenceNumber)
        .containsExactlyElementsOf(
            IntStream.range(0, records.size()).mapToObj(i -> (long) i).toList());
    assertThat(deaggregated).allSatisfy(r -> assertThat(r.aggregated()).isTrue());
  }

  @Test
  void kclWithoutAHashRangeAlsoDeaggregatesOurAggregates() {
    List<UserRecord> records = TestRecords.fiveHundred();

    List<KinesisClientRecord> deaggregated =
        new AggregatorUtil().deaggregate(List.of(kinesisRecord(aggregateOf(records))));

    assertThat(deaggregated)
        .extracting(KclInteropTest::userRecordOf)
        .containsExactlyElementsOf(records);
  }

  @Test
  void kclPassesAnEmptyAggregateThroughAsOneRawRecord() {
    // KCL only treats data as aggregated when more than the 16 checksum bytes follow the magic;
    // one reason the builder refuses to build an aggregate without records.
    byte[] empty = AggregateEncoder.encode(List.of());

    List<KinesisClientRecord> deaggregated =
        new AggregatorUtil()
            .deaggregate(List.of(kinesisRecord(new Aggregate("k", null, empty, 0))));

    assertThat(deaggregated).hasSize(1);
    assertThat(deaggregated.get(0).aggregated()).isFalse();
    assertThat(bytesOf(deaggregated.get(0).data())).isEqualTo(empty);
  }

  @Test
  void kclDropsTheWholeAggregateWhenOneRecordHashesOutsideTheShard() {
    BigInteger lowerHalfEnd = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    String inside = keyHashing(true, lowerHalfEnd);
    String outside = keyHashing(false, lowerHalfEnd);
    Aggregate mixed =
        aggregateOf(List.of(record(inside, "1"), record(inside, "2"), record(outside, "3")));
    Aggregate aligned = aggregateOf(List.of(record(inside, "1"), record(inside, "2")));
    AggregatorUtil kcl = new AggregatorUtil();

    List<KinesisClientRecord> fromMixed =
        kcl.deaggregate(List.of(kinesisRecord(mixed)), "0", lowerHalfEnd.toString());
    List<KinesisClientRecord> fromAligned =
        kcl.deaggregate(List.of(kinesisRecord(aligned)), "0", lowerHalfEnd.toString());

    // Not only the foreign record: the two records that belong to the shard are lost as well,
    // silently. Hence the sink must aggregate strictly per target shard.
    assertThat(fromMixed).isEmpty();
    assertThat(fromAligned).hasSize(2);
  }

  @Test
  void ourProtobufIsByteForByteWhatProtobufJavaWritesForTheKplSchema() {
    List<UserRecord> records =
        List.of(
            new UserRecord("b", "7", new byte[] {1}),
            record("a", "two"),
            new UserRecord("b", "9", new byte[0]),
            new UserRecord("a", "7", new byte[300]));
    Messages.AggregatedRecord expected =
        Messages.AggregatedRecord.newBuilder()
            .addPartitionKeyTable("b")
            .addPartitionKeyTable("a")
            .addExplicitHashKeyTable("7")
            .addExplicitHashKeyTable("9")
            .addRecords(kplRecord(0, 0L, new byte[] {1}))
            .addRecords(kplRecord(1, null, "two".getBytes(StandardCharsets.UTF_8)))
            .addRecords(kplRecord(0, 1L, new byte[0]))
            .addRecords(kplRecord(1, 0L, new byte[300]))
            .build();

    byte[] ours = AggregateEncoder.encode(records);

    assertThat(TestRecords.protobufOf(ours)).isEqualTo(expected.toByteArray());
  }

  @Test
  void ourDecoderReadsAggregatesBuiltWithKclsKplMessagesIncludingTags() {
    Messages.AggregatedRecord message =
        Messages.AggregatedRecord.newBuilder()
            .addPartitionKeyTable("pk-0")
            .addPartitionKeyTable("pk-1")
            .addExplicitHashKeyTable("123")
            .addRecords(
                kplRecord(1, 0L, new byte[] {9, 8}).toBuilder()
                    .addTags(Messages.Tag.newBuilder().setKey("tag").setValue("value")))
            .addRecords(kplRecord(0, null, new byte[0]))
            .build();
    byte[] aggregate = TestRecords.wrap(message.toByteArray());

    List<DeaggregatedRecord> ours = AggregateDecoder.decode("pk-1", aggregate);
    List<KinesisClientRecord> theirs =
        new AggregatorUtil()
            .deaggregate(List.of(kinesisRecord(new Aggregate("pk-1", "123", aggregate, 2))));

    assertThat(ours)
        .extracting(DeaggregatedRecord::userRecord)
        .containsExactly(
            new UserRecord("pk-1", "123", new byte[] {9, 8}), UserRecord.of("pk-0", new byte[0]))
        .containsExactlyElementsOf(theirs.stream().map(KclInteropTest::userRecordOf).toList());
  }

  private static Aggregate aggregateOf(List<UserRecord> records) {
    AggregateBuilder builder = new AggregateBuilder();
    records.forEach(builder::add);
    return builder.build();
  }

  private static KinesisClientRecord kinesisRecord(Aggregate aggregate) {
    return KinesisClientRecord.builder()
        .partitionKey(aggregate.partitionKey())
        .explicitHashKey(aggregate.explicitHashKey())
        .sequenceNumber("49590338271490256608559692538361571095921575989136588898")
        .approximateArrivalTimestamp(Instant.parse("2025-01-01T00:00:00Z"))
        .data(ByteBuffer.wrap(aggregate.data()))
        .build();
  }

  private static UserRecord userRecordOf(KinesisClientRecord record) {
    return new UserRecord(record.partitionKey(), record.explicitHashKey(), bytesOf(record.data()));
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static Messages.Record kplRecord(
      long partitionKeyIndex, Long explicitHashKeyIndex, byte[] data) {
    Messages.Record.Builder record =
        Messages.Record.newBuilder()
            .setPartitionKeyIndex(partitionKeyIndex)
            .setData(ByteString.copyFrom(data));
    if (explicitHashKeyIndex != null) {
      record.setExplicitHashKeyIndex(explicitHashKeyIndex);
    }
    return record.build();
  }

  /** The first key "key-N" whose MD5 hash key is at most (or above) {@code boundary}. */
  private static String keyHashing(boolean atMost, BigInteger boundary) {
    return IntStream.iterate(0, i -> i + 1)
        .mapToObj(i -> "key-" + i)
        .filter(key -> (HashKeys.hashKeyOf(key).compareTo(boundary) <= 0) == atMost)
        .findFirst()
        .orElseThrow();
  }
}
