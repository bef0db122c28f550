package io.kinesisbridge.common.aggregation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.kinesisbridge.common.aggregation.TestRecords.ONE_MIB;
import static io.kinesisbridge.common.aggregation.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class AggregateRoundTripTest {

  static Stream<Arguments> recordSets() {
    return Stream.of(
        argumentSet("no records", List.of()),
        argumentSet("a single record", TestRecords.single()),
        argumentSet("500 records", TestRecords.fiveHundred()),
        argumentSet("records filling almost 1 MiB", TestRecords.nearOneMib()),
        argumentSet(
            "records with and without explicit hash keys",
            List.of(
                new UserRecord("a", "0", new byte[] {1}),
                UserRecord.of("a", new byte[] {2}),
                new UserRecord("b", HashKeys.MAX_HASH_KEY.toString(), new byte[] {3}),
                new UserRecord("c", "0", new byte[] {4}))),
        argumentSet(
            "records repeating keys",
            List.of(record("same", "1"), record("other", "2"), record("same", "3"))),
        argumentSet(
            "records with unicode keys",
            List.of(
                record("héllo", "1"), record("中文键", "2"), record("🌍🚀", "3"), record("", "4"))),
        argumentSet(
            "records with empty data",
            List.of(UserRecord.of("a", new byte[0]), UserRecord.of("b", new byte[0]))),
        argumentSet("300 random records", TestRecords.random(42, 300)));
  }

  @ParameterizedTest
  @MethodSource("recordSets")
  void decodingAnEncodedAggregateGivesBackTheSameRecordsInOrder(List<UserRecord> records) {
    byte[] encoded = AggregateEncoder.encode(records);

    List<DeaggregatedRecord> decoded = AggregateDecoder.decode("envelope-key", encoded);

    assertThat(decoded)
        .extracting(DeaggregatedRecord::userRecord)
        .containsExactlyElementsOf(records);
    assertThat(decoded)
        .extracting(DeaggregatedRecord::subSequenceNumber)
        .containsExactlyElementsOf(
            IntStream.range(0, records.size()).mapToObj(i -> (long) i).toList());
    assertThat(decoded).allSatisfy(record -> assertThat(record.aggregated()).isTrue());
  }

  @ParameterizedTest
  @MethodSource("recordSets")
  void encodedSizeIsTheLengthOfTheEncodedBytes(List<UserRecord> records) {
    assertThat(AggregateEncoder.encodedSize(records))
        .isEqualTo(AggregateEncoder.encode(records).length);
  }

  @Test
  void theNearOneMibAggregateStaysAtMostOneMibAndWithinAFewBytesOfIt() {
    byte[] encoded = AggregateEncoder.encode(TestRecords.nearOneMib());

    assertThat(encoded.length).isBetween(ONE_MIB - 8, ONE_MIB);
  }

  @Test
  void anEmptyAggregateIsJustMagicAndTheMd5OfNothing() {
    byte[] encoded = AggregateEncoder.encode(List.of());

    assertThat(encoded).hasSize(20).startsWith(TestRecords.MAGIC);
    assertThat(AggregateDecoder.decode("k", encoded)).isEmpty();
  }

  @Test
  void theBuilderProducesTheSameBytesAsTheEncoder() {
    List<UserRecord> records = TestRecords.fiveHundred();
    AggregateBuilder builder = new AggregateBuilder();
    records.forEach(builder::add);

    assertThat(builder.build().data()).isEqualTo(AggregateEncoder.encode(records));
  }

  @Test
  void decodedPayloadsAreIndependentCopiesOfTheAggregateBytes() {
    byte[] encoded = AggregateEncoder.encode(List.of(record("k", "payload")));
    List<DeaggregatedRecord> decoded = AggregateDecoder.decode("k", encoded);

    Arrays.fill(encoded, (byte) 0);

    assertThat(decoded.get(0).data()).asString().isEqualTo("payload");
  }

  @Test
  void manyDistinctKeysRoundTripWithMultiByteTableIndexes() {
    List<UserRecord> records = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      records.add(new UserRecord("key-" + i, String.valueOf(i), new byte[0]));
    }

    byte[] encoded = AggregateEncoder.encode(records);

    assertThat(encoded).hasSize(AggregateEncoder.encodedSize(records));
    assertThat(AggregateDecoder.decode("k", encoded))
        .extracting(DeaggregatedRecord::userRecord)
        .containsExactlyElementsOf(records);
  }
}
