package io.kinesisbridge.firehose;

import io.kinesisbridge.firehose.batch.FirehoseLimits;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kinesisbridge.firehose.TaskHarness.P0;
import static io.kinesisbridge.firehose.TaskHarness.eventually;
import static io.kinesisbridge.firehose.TaskHarness.records;
import static org.assertj.core.api.Assertions.assertThat;

/** Packing changes the number of Firehose records and the bill, never the delivered bytes. */
class PackingTest {

  /** Values of varied sizes, including empty ones and ones that hold the delimiter's neighbours. */
  private static List<SinkRecord> mixed(int count) {
    return records(0, count, i -> i % 7 == 0 ? "" : ("record-" + i + "-").repeat(1 + i % 50));
  }

  /** Runs a fresh task over {@code records} and returns what the fake delivered, concatenated. */
  private static Delivery deliver(Map<String, String> props, List<SinkRecord> records) {
    try (TaskHarness harness = new TaskHarness()) {
      harness.start(props, false);
      harness.task.put(records);
      eventually(() -> harness.committed(P0) == records.size());
      assertThat(harness.firehose.violations).isEmpty();
      return new Delivery(
          harness.firehose.delivered(),
          harness.firehose.acceptedRecords(),
          harness.gauge("billed-bytes").longValue(),
          harness.gauge("payload-bytes").longValue());
    }
  }

  private record Delivery(byte[] bytes, int firehoseRecords, long billed, long payload) {}

  @Test
  void packedAndUnpackedSendingDeliverByteForByteTheSameData() {
    List<SinkRecord> records = mixed(3000);

    Delivery unpacked = deliver(Map.of(), records);
    Delivery packed = deliver(Map.of("firehose.aggregation.enabled", "true"), records);

    assertThat(packed.bytes()).isEqualTo(unpacked.bytes());
    assertThat(unpacked.firehoseRecords()).isEqualTo(3000);
    assertThat(packed.firehoseRecords()).isLessThan(10);
  }

  @Test
  void packedAndUnpackedAlsoMatchWithoutADelimiterAndWithATwoByteOne() {
    List<SinkRecord> records = mixed(500);
    for (String delimiter : List.of("none", "\\r\\n")) {
      Map<String, String> plain = Map.of("firehose.record.delimiter", delimiter);
      Map<String, String> packing =
          Map.of("firehose.record.delimiter", delimiter, "firehose.aggregation.enabled", "true");

      assertThat(deliver(packing, records).bytes())
          .as("delimiter %s", delimiter)
          .isEqualTo(deliver(plain, records).bytes());
    }
  }

  @Test
  void recordsThatExactlyFill1000KiBArePackedIntoOneRecordWithTheLastDelimiterOnTheEdge() {
    // 1,023 bytes of payload plus the line feed: 1,000 records make exactly 1,024,000 bytes.
    List<SinkRecord> records = records(0, 1001, i -> String.format("%01023d", i));

    try (TaskHarness harness = new TaskHarness()) {
      harness.start(
          Map.of("firehose.aggregation.enabled", "true", "firehose.linger.ms", "200"), false);
      harness.task.put(records);
      eventually(() -> harness.committed(P0) == 1001);

      List<byte[]> accepted = harness.firehose.accepted;
      assertThat(accepted).hasSize(2);
      assertThat(accepted.get(0)).hasSize(FirehoseLimits.MAX_RECORD_BYTES);
      assertThat(accepted.get(0)[FirehoseLimits.MAX_RECORD_BYTES - 1]).isEqualTo((byte) '\n');
      assertThat(accepted.get(1)).hasSize(1024);
      assertThat(harness.deliveredLines("\n"))
          .hasSize(1001)
          .endsWith(String.format("%01023d", 1000));
    }
  }

  @Test
  void billedBytesRoundEveryFirehoseRecordUpTo5KiBSoPackingShrinksTheBill() {
    // 99 characters plus the line feed: 100 bytes per Kafka record.
    List<SinkRecord> records = records(0, 10, i -> "p".repeat(99));

    Delivery unpacked = deliver(Map.of(), records);
    Delivery packed =
        deliver(
            Map.of("firehose.aggregation.enabled", "true", "firehose.linger.ms", "200"), records);

    assertThat(unpacked.payload()).isEqualTo(1000);
    assertThat(unpacked.billed()).isEqualTo(10 * 5120);
    assertThat(packed.payload()).isEqualTo(1000);
    assertThat(packed.billed()).isEqualTo(5120);
  }

  @Test
  void aRefusedPackedRecordIsResentWithExactlyItsKafkaRecords() {
    // 100,000 bytes of payload plus the line feed: ten records fill one packed record.
    List<SinkRecord> records = records(0, 30, i -> String.format("%0100000d", i));

    try (TaskHarness harness = new TaskHarness()) {
      harness.firehose.recordFault =
          (call, record) ->
              call == 1 && record.data().asUtf8String().startsWith(String.format("%0100000d", 0))
                  ? "ServiceUnavailableException"
                  : null;
      harness.start(
          Map.of("firehose.aggregation.enabled", "true", "firehose.linger.ms", "200"), false);
      harness.task.put(records);
      eventually(() -> harness.committed(P0) == 30);

      assertThat(harness.firehose.calls().get(0)).hasSize(3);
      assertThat(harness.firehose.calls().get(1)).as("only the refused packed record").hasSize(1);
      assertThat(harness.firehose.acceptedRecords()).isEqualTo(3);
      assertThat(harness.deliveredLines("\n"))
          .containsExactlyInAnyOrderElementsOf(
              records.stream().map(r -> (String) r.value()).toList());
    }
  }
}
