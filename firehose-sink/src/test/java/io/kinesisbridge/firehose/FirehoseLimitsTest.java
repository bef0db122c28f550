package io.kinesisbridge.firehose;

import io.kinesisbridge.firehose.batch.FirehoseLimits;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kinesisbridge.firehose.TaskHarness.P0;
import static io.kinesisbridge.firehose.TaskHarness.eventually;
import static io.kinesisbridge.firehose.TaskHarness.record;
import static io.kinesisbridge.firehose.TaskHarness.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS's limits at their edges, through the whole task, against a fake that enforces them. */
class FirehoseLimitsTest {

  private final TaskHarness harness = new TaskHarness();
  private final FakeFirehose firehose = harness.firehose;

  @AfterEach
  void stopTask() {
    harness.close();
  }

  @ParameterizedTest(name = "delimiter {0}, packing {1}")
  @CsvSource({"\\n, false", "\\r\\n, false", "none, false", "\\n, true", "\\r\\n, true"})
  void aRecordOfExactly1000KiBWithItsDelimiterIsSentAndOneByteMoreGoesToTheDeadLetterQueue(
      String delimiter, boolean packing) {
    int delimiterBytes = delimiter.equals("none") ? 0 : delimiter.length() / 2;
    int fits = FirehoseLimits.MAX_RECORD_BYTES - delimiterBytes;
    harness.start(
        Map.of(
            "firehose.record.delimiter",
            delimiter,
            "firehose.aggregation.enabled",
            String.valueOf(packing)),
        true);

    harness.task.put(
        List.of(
            record(0, 0, "a"),
            record(0, 1, "x".repeat(fits)),
            record(0, 2, "y".repeat(fits + 1)),
            record(0, 3, "b")));

    eventually(() -> harness.committed(P0) == 4);
    assertThat(firehose.violations).isEmpty();
    assertThat(harness.context.reported).hasSize(1);
    assertThat(harness.context.reported.get(0).record().kafkaOffset()).isEqualTo(2);
    assertThat(harness.context.reported.get(0).reason())
        .hasMessageContaining(String.valueOf(FirehoseLimits.MAX_RECORD_BYTES + 1) + " bytes");
    assertThat(firehose.accepted.stream().mapToInt(b -> b.length).max().orElseThrow())
        .isEqualTo(FirehoseLimits.MAX_RECORD_BYTES);
  }

  @Test
  void anOversizedRecordFailsTheTaskWithItsReasonWhenThereIsNoDeadLetterQueue() {
    harness.start(Map.of(), false);

    assertThatThrownBy(
            () ->
                harness.task.put(
                    List.of(record(0, 0, "x".repeat(FirehoseLimits.MAX_RECORD_BYTES)))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("events-0@0")
        .hasMessageContaining("errors.tolerance=all");
  }

  @Test
  void noCallCarriesMoreThan500Records() {
    harness.start(Map.of("firehose.linger.ms", "200"), false);

    harness.task.put(records(0, 1234, i -> "r" + i));

    eventually(() -> harness.committed(P0) == 1234);
    assertThat(firehose.violations).isEmpty();
    assertThat(firehose.calls().stream().mapToInt(List::size).max().orElseThrow()).isEqualTo(500);
  }

  @ParameterizedTest(name = "packing {0}")
  @CsvSource({"false", "true"})
  void noCallCarriesMoreThan4MiB(boolean packing) {
    harness.start(
        Map.of(
            "firehose.linger.ms", "200", "firehose.aggregation.enabled", String.valueOf(packing)),
        false);
    List<SinkRecord> records = records(0, 40, i -> "z".repeat(299_999));

    harness.task.put(records);

    eventually(() -> harness.committed(P0) == 40);
    assertThat(firehose.violations).isEmpty();
    List<Long> callBytes = new ArrayList<>();
    for (List<Record> call : firehose.calls()) {
      callBytes.add(call.stream().mapToLong(r -> r.data().asByteArrayUnsafe().length).sum());
    }
    assertThat(callBytes).allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(4L * 1024 * 1024));
    assertThat(callBytes.stream().mapToLong(Long::longValue).sum()).isEqualTo(40L * 300_000);
  }

  @Test
  void aLowerBatchByteLimitAlsoLowersTheLargestRecordAccepted() {
    harness.start(Map.of("firehose.batch.max.bytes", "2048"), true);

    harness.task.put(List.of(record(0, 0, "x".repeat(2047)), record(0, 1, "y".repeat(2048))));

    eventually(() -> harness.committed(P0) == 2);
    assertThat(firehose.acceptedRecords()).isEqualTo(1);
    assertThat(harness.context.reported.get(0).reason()).hasMessageContaining("limit of 2048");
  }
}
