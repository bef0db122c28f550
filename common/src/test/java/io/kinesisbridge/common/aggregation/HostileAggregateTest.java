package io.kinesisbridge.common.aggregation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.kinesisbridge.common.aggregation.TestRecords.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Aggregates crafted by someone with PutRecord rights: every one must fail with an {@link
 * AggregationFormatException} (the source then passes the bytes through raw), quickly, and never
 * loop, allocate without bound or escape as another exception.
 */
class HostileAggregateTest {

  /** A decode of a few hundred bytes that takes longer than this is a hang. */
  private static final Duration BOUND = Duration.ofSeconds(5);

  /** -11 as an unsigned 64-bit varint: ten bytes, read back as a negative long. */
  private static final byte[] MINUS_ELEVEN = varint(-11L);

  /** 2^63 + 5: negative as a long, and 5 once narrowed to an int. */
  private static final byte[] TWO_TO_THE_63_PLUS_FIVE = varint(Long.MIN_VALUE + 5);

  @Test
  void theReportedAggregateWithALengthOfMinusElevenFailsInsteadOfLooping() {
    // partition key table entry, one valid record, then an unknown length-delimited field 4 whose
    // length is -11: tag (1 byte) + length (10 bytes) = 11, so skipping -11 lands on the tag again
    byte[] protobuf =
        concat(
            new byte[] {0x0A, 1, 'k', 0x1A, 5, 0x08, 0, 0x1A, 1, 'x'},
            new byte[] {0x22},
            MINUS_ELEVEN);

    assertRejected(protobuf, "length");
  }

  static Stream<Arguments> negativeLengths() {
    return Stream.of(
        argumentSet(
            "an unknown field inside a record",
            concat(new byte[] {0x0A, 1, 'k', 0x1A, 16, 0x08, 0, 0x1A, 1, 'x', 0x2A}, MINUS_ELEVEN)),
        argumentSet("a record message", concat(new byte[] {0x1A}, MINUS_ELEVEN)),
        argumentSet(
            "a record's data",
            concat(new byte[] {0x0A, 1, 'k', 0x1A, 13, 0x08, 0, 0x1A}, MINUS_ELEVEN)),
        argumentSet("a partition key", concat(new byte[] {0x0A}, MINUS_ELEVEN)),
        argumentSet("an explicit hash key", concat(new byte[] {0x12}, MINUS_ELEVEN)),
        argumentSet(
            "a length of 2^63 + 5, which narrows to 5",
            concat(new byte[] {0x22}, TWO_TO_THE_63_PLUS_FIVE, new byte[] {1, 2, 3, 4, 5})));
  }

  @ParameterizedTest
  @MethodSource("negativeLengths")
  void aLengthOf2ToThe63OrMoreIsRejectedAsUnsigned(byte[] protobuf) {
    assertRejected(protobuf, "length");
  }

  static Stream<Arguments> badVarints() {
    return Stream.of(
        argumentSet(
            "a ten-byte varint with bits beyond 64 (an index)",
            concat(
                new byte[] {0x0A, 1, 'k', 0x1A, 14, 0x08},
                tenByteVarintWithHighBits(),
                new byte[] {0x1A, 1, 'x'})),
        argumentSet(
            "a ten-byte varint with bits beyond 64 (a length)",
            concat(new byte[] {0x22}, tenByteVarintWithHighBits())),
        argumentSet(
            "an eleven-byte varint",
            concat(new byte[] {0x28}, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1})));
  }

  @ParameterizedTest
  @MethodSource("badVarints")
  void aVarintThatDoesNotFitIn64BitsIsRejected(byte[] protobuf) {
    assertRejected(protobuf, "varint");
  }

  @Test
  void aTagOf2ToThe63OrMoreIsRejectedRatherThanNarrowedToAValidField() {
    // 2^63 + 0x12 narrows to 0x12: field 2 (explicit hash key), length-delimited
    byte[] protobuf = concat(varint(Long.MIN_VALUE + 0x12), new byte[] {1, '7'});

    assertRejected(protobuf, "invalid tag");
  }

  @Test
  void aPartitionKeyIndexOutsideTheTableIsRejected() {
    byte[] protobuf = {0x0A, 1, 'k', 0x1A, 5, 0x08, 1, 0x1A, 1, 'x'};

    assertRejected(protobuf, "partition key index 1");
  }

  @Test
  void anExplicitHashKeyThatIsNoHashKeyIsRejected() {
    // the consumer would route (or filter by shard range) on it: "++" is no 128-bit decimal
    byte[] protobuf = {0x0A, 1, 'k', 0x12, 2, '+', '+', 0x1A, 7, 0x08, 0, 0x10, 0, 0x1A, 1, 'x'};

    assertRejected(protobuf, "explicit hash key");
  }

  @Test
  void anExplicitHashKeyAbove2To128Minus1IsRejected() {
    byte[] key = HashKeys.MAX_HASH_KEY.add(java.math.BigInteger.ONE).toString().getBytes();
    byte[] protobuf =
        concat(
            new byte[] {0x0A, 1, 'k', 0x12, (byte) key.length},
            key,
            new byte[] {0x1A, 7, 0x08, 0, 0x10, 0, 0x1A, 1, 'x'});

    assertRejected(protobuf, "explicit hash key");
  }

  @Test
  void anEndGroupWireTypeIsRejected() {
    assertRejected(new byte[] {0x4C}, "unsupported wire type 4 for field 9");
  }

  @Test
  void aMillionEmptyUnknownFieldsAroundOneRecordDecodeInBoundedTime() {
    // 2 MiB of "field 9, length 0": many tiny fields must cost linear time and no allocation each
    ByteArrayOutputStream protobuf = new ByteArrayOutputStream();
    protobuf.writeBytes(new byte[] {0x0A, 1, 'k', 0x1A, 5, 0x08, 0, 0x1A, 1, 'x'});
    for (int i = 0; i < 1_000_000; i++) {
      protobuf.write(0x4A);
      protobuf.write(0);
    }
    byte[] aggregate = wrap(protobuf.toByteArray());

    List<DeaggregatedRecord> decoded =
        assertTimeoutPreemptively(BOUND, () -> AggregateDecoder.decode("k", aggregate));

    assertThat(decoded)
        .extracting(DeaggregatedRecord::userRecord)
        .containsExactly(UserRecord.of("k", new byte[] {'x'}));
  }

  private static void assertRejected(byte[] protobuf, String reason) {
    byte[] aggregate = wrap(protobuf);
    assertTimeoutPreemptively(
        BOUND,
        () ->
            assertThatThrownBy(() -> AggregateDecoder.decode("k", aggregate))
                .isExactlyInstanceOf(AggregationFormatException.class)
                .hasMessageContaining(reason));
  }

  /** The unsigned 64-bit varint encoding of {@code value}. */
  static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) (rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    out.write((int) rest);
    return out.toByteArray();
  }

  /** Ten varint bytes whose last one carries bits 64..69: a value that needs more than 64 bits. */
  private static byte[] tenByteVarintWithHighBits() {
    return new byte[] {-128, -128, -128, -128, -128, -128, -128, -128, -128, 0x7E};
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
