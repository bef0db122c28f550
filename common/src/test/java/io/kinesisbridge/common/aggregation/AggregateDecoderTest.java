package io.kinesisbridge.common.aggregation;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.kinesis.retrieval.kpl.Messages;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.kinesisbridge.common.aggregation.TestRecords.MAGIC;
import static io.kinesisbridge.common.aggregation.TestRecords.record;
import static io.kinesisbridge.common.aggregation.TestRecords.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class AggregateDecoderTest {

  static Stream<Arguments> plainData() {
    return Stream.of(
        argumentSet("empty data", new byte[0]),
        argumentSet("text", "hello".getBytes(StandardCharsets.UTF_8)),
        argumentSet("the first three magic bytes only", Arrays.copyOf(MAGIC, 3)),
        argumentSet("almost the magic", new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, 0}),
        argumentSet("an aggregate behind one leading byte", prefixed(sampleAggregate())));
  }

  @ParameterizedTest
  @MethodSource("plainData")
  void dataWithoutTheMagicPassesThroughUnchangedAsOneRecord(byte[] data) {
    List<DeaggregatedRecord> decoded = AggregateDecoder.decode("envelope-key", data);

    assertThat(decoded).hasSize(1);
    DeaggregatedRecord only = decoded.get(0);
    assertThat(only.data()).isSameAs(data);
    assertThat(only.partitionKey()).isEqualTo("envelope-key");
    assertThat(only.explicitHashKey()).isNull();
    assertThat(only.subSequenceNumber()).isZero();
    assertThat(only.aggregated()).isFalse();
    assertThat(AggregateDecoder.isAggregated(data)).isFalse();
  }

  @ParameterizedTest(name = "magic followed by {0} bytes")
  @ValueSource(ints = {0, 1, 15})
  void dataTooShortForMagicAndChecksumIsRejectedWithItsSize(int extra) {
    byte[] data = Arrays.copyOf(MAGIC, MAGIC.length + extra);

    assertThatThrownBy(() -> AggregateDecoder.decode("k", data))
        .isInstanceOf(AggregationFormatException.class)
        .hasMessageContaining("aggregated record of " + data.length + " bytes is shorter")
        .hasMessageContaining("(20 bytes)");
  }

  @ParameterizedTest(name = "byte {0} from the end flipped")
  @ValueSource(ints = {1, 16, 17, 30})
  void aCorruptedAggregateIsRejectedForItsChecksum(int fromEnd) {
    byte[] data = sampleAggregate();
    data[data.length - fromEnd] ^= 0x01;

    assertThatThrownBy(() -> AggregateDecoder.decode("k", data))
        .isInstanceOf(AggregationFormatException.class)
        .hasMessageStartingWith("MD5 checksum mismatch in aggregated record of " + data.length)
        .hasMessageContaining((data.length - 20) + " bytes of protobuf");
  }

  static Stream<Arguments> truncatedProtobuf() {
    byte[] protobuf = TestRecords.protobufOf(sampleAggregate());
    return Stream.of(
        argumentSet("last byte missing", Arrays.copyOf(protobuf, protobuf.length - 1), "truncated"),
        argumentSet(
            "last ten bytes missing", Arrays.copyOf(protobuf, protobuf.length - 10), "truncated"),
        argumentSet("only the first tag left", Arrays.copyOf(protobuf, 1), "runs past the end"),
        argumentSet("a varint cut short", new byte[] {0x1A, (byte) 0x80}, "runs past the end"));
  }

  @ParameterizedTest
  @MethodSource("truncatedProtobuf")
  void truncatedProtobufIsRejectedEvenWithAValidChecksum(byte[] protobuf, String reason) {
    assertThatThrownBy(() -> AggregateDecoder.decode("k", wrap(protobuf)))
        .isInstanceOf(AggregationFormatException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void aTruncationMessageNamesTheOffsetAndTheSizes() {
    // records (field 3), length 100, but nothing follows
    byte[] protobuf = {0x1A, 100};

    assertThatThrownBy(() -> AggregateDecoder.decode("k", wrap(protobuf)))
        .hasMessage(
            "malformed AggregatedRecord: truncated: length 100 at offset 1 exceeds the 0 bytes that"
                + " remain (AggregatedRecord ends at offset 2)");
  }

  @Test
  void aPartitionKeyIndexOutsideTheTableIsRejected() {
    Messages.AggregatedRecord message =
        Messages.AggregatedRecord.newBuilder()
            .addPartitionKeyTable("a")
            .addPartitionKeyTable("b")
            .addRecords(kplRecord(0, "fine"))
            .addRecords(kplRecord(2, "broken"))
            .build();

    assertThatThrownBy(() -> AggregateDecoder.decode("k", wrap(message.toByteArray())))
        .isInstanceOf(AggregationFormatException.class)
        .hasMessage(
            "malformed aggregate: record 1 refers to partition key index 2 but the partition key"
                + " table has 2 entries");
  }

  @Test
  void anExplicitHashKeyIndexOutsideTheTableIsRejected() {
    Messages.AggregatedRecord message =
        Messages.AggregatedRecord.newBuilder()
            .addPartitionKeyTable("a")
            .addRecords(kplRecord(0, "x").toBuilder().setExplicitHashKeyIndex(0))
            .build();

    assertThatThrownBy(() -> AggregateDecoder.decode("k", wrap(message.toByteArray())))
        .isInstanceOf(AggregationFormatException.class)
        .hasMessageContaining("record 0 refers to explicit hash key index 0")
        .hasMessageContaining("table has 0 entries");
  }

  @Test
  void anIndexBeyondTheSignedLongRangeIsRejectedAsOutOfRange() {
    Messages.AggregatedRecord message =
        Messages.AggregatedRecord.newBuilder()
            .addPartitionKeyTable("a")
            .addRecords(kplRecord(-1L, "x"))
            .build();

    assertThatThrownBy(() -> AggregateDecoder.decode("k", wrap(message.toByteArray())))
        .isInstanceOf(AggregationFormatException.class)
        .hasMessageContaining("partition key index 2^63 or more");
  }

  static Stream<Arguments> malformedProtobuf() {
    return Stream.of(
        argumentSet(
            "a record without data",
            new byte[] {0x0A, 0, 0x1A, 2, 0x08, 0},
            "lacks its required data"),
        argumentSet(
            "a record without partition key index",
            new byte[] {0x0A, 0, 0x1A, 2, 0x1A, 0},
            "lacks its required partition_key_index"),
        argumentSet("field number zero", new byte[] {0x02, 0}, "invalid tag 2 at offset 0"),
        argumentSet("a group wire type", new byte[] {0x4B}, "unsupported wire type 3 for field 9"),
        argumentSet(
            "a string table entry as varint",
            new byte[] {0x08, 1},
            "field 1 has wire type 0, expected 2"),
        argumentSet(
            "an index as a string",
            new byte[] {0x0A, 0, 0x1A, 4, 0x0A, 0, 0x1A, 0},
            "malformed Record 0: field 1 has wire type 2, expected 0"),
        argumentSet(
            "a varint of eleven bytes",
            new byte[] {0x28, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1},
            "longer than 10 bytes"),
        argumentSet(
            "an unknown fixed64 cut short", new byte[] {0x29, 1, 2, 3}, "cannot skip 8 bytes"));
  }

  @ParameterizedTest
  @MethodSource("malformedProtobuf")
  void malformedProtobufIsRejectedWithAClearReason(byte[] protobuf, String reason) {
    assertThatThrownBy(() -> AggregateDecoder.decode("k", wrap(protobuf)))
        .isInstanceOf(AggregationFormatException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void tagsAndUnknownFieldsOfEveryWireTypeAreSkipped() {
    UnknownFieldSet unknown =
        UnknownFieldSet.newBuilder()
            .addField(
                9,
                UnknownFieldSet.Field.newBuilder()
                    .addVarint(300)
                    .addFixed32(7)
                    .addFixed64(8)
                    .addLengthDelimited(ByteString.copyFromUtf8("ignored"))
                    .build())
            .build();
    Messages.Record tagged =
        kplRecord(0, "payload").toBuilder()
            .addTags(Messages.Tag.newBuilder().setKey("origin").setValue("kpl"))
            .addTags(Messages.Tag.newBuilder().setKey("bare"))
            .setUnknownFields(unknown)
            .build();
    Messages.AggregatedRecord message =
        Messages.AggregatedRecord.newBuilder()
            .addPartitionKeyTable("key")
            .addRecords(tagged)
            .addRecords(kplRecord(0, "second"))
            .setUnknownFields(unknown)
            .build();

    List<DeaggregatedRecord> decoded = AggregateDecoder.decode("k", wrap(message.toByteArray()));

    assertThat(decoded)
        .extracting(DeaggregatedRecord::userRecord)
        .containsExactly(record("key", "payload"), record("key", "second"));
  }

  @Test
  void fieldsInAnUnusualOrderAreResolvedAfterTheWholeMessageIsRead() {
    // records first, tables last: protobuf allows any order, the KPL just never writes it
    byte[] record = kplRecord(0, "x").toBuilder().setExplicitHashKeyIndex(0).build().toByteArray();
    byte[] recordField = concat(new byte[] {0x1A, (byte) record.length}, record);
    byte[] tables = {0x12, 1, '5', 0x0A, 1, 'p'};

    List<DeaggregatedRecord> decoded =
        AggregateDecoder.decode("k", wrap(concat(recordField, tables)));

    assertThat(decoded)
        .extracting(DeaggregatedRecord::userRecord)
        .containsExactly(new UserRecord("p", "5", "x".getBytes(StandardCharsets.UTF_8)));
  }

  private static Messages.Record kplRecord(long partitionKeyIndex, String data) {
    return Messages.Record.newBuilder()
        .setPartitionKeyIndex(partitionKeyIndex)
        .setData(ByteString.copyFromUtf8(data))
        .build();
  }

  private static byte[] sampleAggregate() {
    return AggregateEncoder.encode(
        List.of(
            record("a", "first payload"),
            new UserRecord("b", "42", "second payload".getBytes(StandardCharsets.UTF_8))));
  }

  private static byte[] prefixed(byte[] data) {
    return concat(new byte[] {0}, data);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] out = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, out, first.length, second.length);
    return out;
  }
}
