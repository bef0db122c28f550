package io.kinesisbridge.common.aggregation;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Coverage-guided fuzzing of {@link ProtobufReader}: a fuzzed program of reads runs over fuzzed
 * bytes. Properties: a read fails only with {@link AggregationFormatException}; every read that
 * succeeds moves forward by at least one byte (so no input can make a caller loop, and the number
 * of successful reads is bounded by the input's length); and what {@link ProtobufWriter} writes
 * reads back the same.
 */
class ProtobufReaderFuzzTest {

  private static final int MAX_PROGRAM = 64;

  @FuzzTest(maxDuration = "8s")
  void readsOnlyForwardAndFailsOnlyAsAFormatError(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      checkRoundTrip(data);
      return;
    }
    byte[] program = data.consumeBytes(MAX_PROGRAM);
    byte[] input = data.consumeRemainingAsBytes();
    int[] successfulReads = {0};

    assertThatCode(() -> successfulReads[0] = run(program, input))
        .doesNotThrowAnyExceptionExcept(AggregationFormatException.class);
    assertThat(successfulReads[0]).isLessThanOrEqualTo(input.length);
  }

  /** Runs the program until it ends, the reader is exhausted or a read fails. */
  private static int run(byte[] program, byte[] input) {
    ProtobufReader reader = ProtobufReader.of(input, 0, input.length, "Fuzzed");
    int successful = 0;
    for (byte op : program) {
      if (!reader.hasRemaining()) {
        break;
      }
      switch (Math.floorMod(op, 6)) {
        case 0 -> reader.readVarint();
        case 1 -> reader.readBytes();
        case 2 -> reader.readString();
        case 3 -> reader.skipField(reader.readTag());
        case 4 -> reader.readTag();
        default -> reader = reader.readMessage("Embedded");
      }
      successful++;
    }
    return successful;
  }

  private static void checkRoundTrip(FuzzedDataProvider data) {
    long value = data.consumeLong();
    int fieldNumber = data.consumeInt(1, 15);
    byte[] payload = data.consumeRemainingAsBytes();
    int size =
        ProtobufWriter.varintFieldSize(value)
            + (int) ProtobufWriter.lengthDelimitedFieldSize(payload.length);
    byte[] buffer = new byte[size];
    ProtobufWriter writer = new ProtobufWriter(buffer, 0);
    writer.writeVarintField(fieldNumber, value);
    writer.writeBytesField(fieldNumber, payload);

    ProtobufReader reader = ProtobufReader.of(buffer, 0, buffer.length, "RoundTrip");
    int varintTag = reader.readTag();
    long readValue = reader.readVarint();
    int bytesTag = reader.readTag();
    byte[] readPayload = reader.readBytes();

    assertThat(writer.position()).isEqualTo(size);
    assertThat(ProtobufReader.fieldNumber(varintTag)).isEqualTo(fieldNumber);
    assertThat(ProtobufReader.wireType(varintTag)).isEqualTo(ProtobufWriter.WIRE_VARINT);
    assertThat(readValue).isEqualTo(value);
    assertThat(bytesTag)
        .isEqualTo(ProtobufWriter.tag(fieldNumber, ProtobufWriter.WIRE_LENGTH_DELIMITED));
    assertThat(readPayload).isEqualTo(payload);
    assertThat(reader.hasRemaining()).isFalse();
  }
}
