package io.kinesisbridge.common.aggregation;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of {@link AggregateDecoder}, the first code that touches bytes an
 * attacker with PutRecord rights controls. Properties: plain data passes through unchanged; data
 * with the magic either decodes or fails with {@link AggregationFormatException} (nothing else),
 * within a bounded number of records and bounded time; whatever decodes re-encodes to the same
 * records; and records encoded by {@link AggregateEncoder} decode to themselves.
 *
 * <p>Most inputs are wrapped with magic and a correct MD5 first: the fuzzer cannot guess a
 * checksum, and without it every input would stop at the checksum check.
 */
class AggregateDecoderFuzzTest {

  /** The smallest Record field: tag, length, then index and data fields of two bytes each. */
  private static final int SMALLEST_RECORD_FIELD_BYTES = 6;

  /** Inputs are at most a few KiB; a decode this slow means super-linear work. */
  private static final long SLOW_NANOS = 2_000_000_000L;

  @FuzzTest(maxDuration = "8s")
  void decodesOrRejectsAndRoundTrips(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 2)) {
      case 0 -> checkDecode(data.consumeRemainingAsBytes());
      case 1 -> checkDecode(TestRecords.wrap(data.consumeRemainingAsBytes()));
      default -> checkEncodeDecode(userRecords(data));
    }
  }

  private static void checkDecode(byte[] input) {
    long start = System.nanoTime();
    List<DeaggregatedRecord> decoded;
    try {
      decoded = AggregateDecoder.decode("fuzz-key", input);
    } catch (AggregationFormatException e) {
      assertThat(AggregateDecoder.isAggregated(input)).as("only aggregates are rejected").isTrue();
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(System.nanoTime() - start).as("decode time").isLessThan(SLOW_NANOS);
    if (!AggregateDecoder.isAggregated(input)) {
      assertThat(decoded).hasSize(1);
      assertThat(decoded.get(0).data()).isSameAs(input);
      assertThat(decoded.get(0).aggregated()).isFalse();
      return;
    }
    assertThat(decoded.size())
        .as("records in an aggregate of %d bytes", input.length)
        .isLessThanOrEqualTo((input.length - KplFormat.OVERHEAD) / SMALLEST_RECORD_FIELD_BYTES);
    List<UserRecord> users = new ArrayList<>();
    for (int i = 0; i < decoded.size(); i++) {
      assertThat(decoded.get(i).subSequenceNumber()).isEqualTo(i);
      assertThat(decoded.get(i).aggregated()).isTrue();
      users.add(decoded.get(i).userRecord());
    }
    checkEncodeDecode(users);
  }

  private static void checkEncodeDecode(List<UserRecord> records) {
    byte[] encoded = AggregateEncoder.encode(records);

    List<DeaggregatedRecord> decoded = AggregateDecoder.decode("unused", encoded);

    assertThat(decoded)
        .extracting(DeaggregatedRecord::userRecord)
        .containsExactlyElementsOf(records);
  }

  private static List<UserRecord> userRecords(FuzzedDataProvider data) {
    List<UserRecord> records = new ArrayList<>();
    int count = data.consumeInt(0, 20);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      String partitionKey = data.consumeString(300);
      String explicitHashKey =
          data.consumeBoolean() ? new BigInteger(1, data.consumeBytes(16)).toString() : null;
      records.add(new UserRecord(partitionKey, explicitHashKey, data.consumeBytes(200)));
    }
    return records;
  }
}
