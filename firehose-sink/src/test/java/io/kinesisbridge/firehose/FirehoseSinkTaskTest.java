package io.kinesisbridge.firehose;

import io.kinesisbridge.common.testing.RenamingTransform;
import io.kinesisbridge.firehose.client.DeliveryStreamInfo;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.kinesisbridge.firehose.TaskHarness.P0;
import static io.kinesisbridge.firehose.TaskHarness.P1;
import static io.kinesisbridge.firehose.TaskHarness.eventually;
import static io.kinesisbridge.firehose.TaskHarness.record;
import static io.kinesisbridge.firehose.TaskHarness.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirehoseSinkTaskTest {

  private final TaskHarness harness = new TaskHarness();
  private final FakeFirehose firehose = harness.firehose;

  @AfterEach
  void stopTask() {
    harness.close();
  }

  @Test
  void offsetsAreCommittedOnlyOnceFirehoseAcknowledgedEveryRecordBelowThem() {
    harness.start(Map.of(), false);

    harness.task.put(records(0, 300, i -> "event-" + i));

    eventually(() -> harness.committed(P0) == 300);
    assertThat(firehose.acceptedRecords()).isEqualTo(300);
    assertThat(harness.committed(P1)).isEqualTo(-1);
    assertThat(harness.deliveredLines("\n")).hasSize(300).startsWith("event-0", "event-1");
  }

  @Test
  void recordsRenamedByATransformGoToTheRenamedStreamAndCommitUnderThePartitionTheyCameFrom() {
    harness.start(
        Map.of("firehose.delivery.stream", "${topic}", "firehose.aggregation.enabled", "true"),
        false);
    RenamingTransform rename = new RenamingTransform("renamed-");
    List<SinkRecord> batch = new ArrayList<>();
    records(0, 100, i -> "a" + i).forEach(r -> batch.add(rename.apply(r)));
    records(1, 50, i -> "b" + i).forEach(r -> batch.add(rename.apply(r)));
    batch.add(rename.apply(record(1, 50, null)));

    harness.task.put(batch);

    eventually(() -> harness.committed(P0) == 100 && harness.committed(P1) == 51);
    assertThat(firehose.streamsWritten).containsExactly("renamed-events");
    assertThat(harness.deliveredLines("\n")).hasSize(150);
    // Connect closes the partitions its consumer knows: the original ones.
    harness.task.close(List.of(P0));
    assertThat(harness.committed(P0)).isEqualTo(-1);
    assertThat(harness.committed(P1)).isEqualTo(51);
  }

  @Test
  void nothingIsCommittedWhileFirehoseCannotBeReachedAndEverythingOnceItCan() {
    firehose.callFailure = SdkClientException.create("unreachable", new IOException("refused"));
    harness.start(Map.of(), false);

    harness.task.put(records(0, 10, i -> "v" + i));

    eventually(() -> firehose.calls().size() >= 3);
    assertThat(harness.committed(P0)).isEqualTo(-1);
    firehose.callFailure = null;
    eventually(() -> harness.committed(P0) == 10);
    assertThat(firehose.acceptedRecords()).isEqualTo(10);
  }

  @Test
  void onlyTheRecordsFirehoseRejectedAreSentAgain() {
    // Every third record of the first call is refused with Firehose's per-record slow-down.
    firehose.recordFault =
        (call, record) ->
            call == 1 && Integer.parseInt(record.data().asUtf8String().trim()) % 3 == 0
                ? "ServiceUnavailableException"
                : null;
    harness.start(Map.of(), false);

    harness.task.put(records(0, 90, String::valueOf));

    eventually(() -> harness.committed(P0) == 90);
    List<List<Record>> calls = firehose.calls();
    assertThat(calls.get(0)).hasSize(90);
    List<String> resent = new ArrayList<>();
    calls
        .subList(1, calls.size())
        .forEach(c -> c.forEach(r -> resent.add(r.data().asUtf8String())));
    assertThat(resent)
        .as("the retries carry exactly the refused records")
        .containsExactlyElementsOf(
            IntStream.range(0, 90).filter(i -> i % 3 == 0).mapToObj(i -> i + "\n").toList());
    assertThat(firehose.acceptedRecords()).as("no record stored twice").isEqualTo(90);
  }

  @Test
  void aCallLevelServiceUnavailableIsThrottlingThatIsRetriedUntilFirehoseAcceptsTheRecords() {
    firehose.callFailure = ServiceUnavailableException.builder().message("Slow down.").build();
    harness.start(Map.of(), false);

    harness.task.put(records(0, 20, i -> "r" + i));

    eventually(() -> firehose.calls().size() >= 3);
    firehose.callFailure = null;
    eventually(() -> harness.committed(P0) == 20);
    assertThat(harness.gauge("records-throttled-total").longValue()).isPositive();
    assertThat(firehose.acceptedRecords()).isEqualTo(20);
  }

  @Test
  void nullValuesAreSkippedAndTheirOffsetsStillCommit() {
    harness.start(Map.of(), false);

    harness.task.put(List.of(record(0, 0, "one"), record(0, 1, null), record(0, 2, "three")));

    eventually(() -> harness.committed(P0) == 3);
    assertThat(harness.deliveredLines("\n")).containsExactly("one", "three");
  }

  @Test
  void nullValuesGoToTheDeadLetterQueueWhenConfiguredToFail() {
    harness.start(Map.of("firehose.null.value.behavior", "fail"), true);

    harness.task.put(List.of(record(0, 0, "one"), record(0, 1, null), record(0, 2, "three")));

    eventually(() -> harness.committed(P0) == 3);
    assertThat(harness.context.reported).hasSize(1);
    assertThat(harness.context.reported.get(0).reason()).hasMessageContaining("null");
  }

  @Test
  void aMissingDeliveryStreamFailsTheTaskAtStartWithAMessageNamingIt() {
    firehose.describeFailure =
        ResourceNotFoundException.builder()
            .message("Firehose deliveries under account 123 not found.")
            .build();

    assertThatThrownBy(() -> harness.start(Map.of(), false))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("'deliveries' does not exist")
        .hasMessageContaining("aws.region");
  }

  @Test
  void aDeliveryStreamFedByKinesisFailsTheTaskBecausePutRecordBatchCannotWriteToIt() {
    firehose.info = new DeliveryStreamInfo("deliveries", "ACTIVE", "KinesisStreamAsSource");

    assertThatThrownBy(() -> harness.start(Map.of(), false))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("KinesisStreamAsSource")
        .hasMessageContaining("Direct PUT");
  }

  @Test
  void whenUnacknowledgedBytesPassTheBoundThePartitionsArePausedAndLaterResumed() {
    firehose.callFailure = SdkClientException.create("down", new IOException("refused"));
    harness.start(Map.of("firehose.buffer.max.bytes", String.valueOf(1024 * 1024)), false);
    List<SinkRecord> big = records(0, 20, i -> "v".repeat(100_000));

    harness.task.put(big);
    assertThat(harness.context.paused).containsExactlyInAnyOrder(P0, P1);

    firehose.callFailure = null;
    eventually(
        () -> {
          harness.task.put(List.of());
          return harness.context.paused.isEmpty();
        });
    eventually(() -> harness.committed(P0) == 20);
  }

  @Test
  void csvFormatWritesOneLinePerRecordThroughTheWholeTask() {
    harness.start(Map.of("firehose.format", "csv", "firehose.record.delimiter", "\\r\\n"), false);

    harness.task.put(List.of(record(0, 0, "plain"), record(0, 1, "with, comma")));

    eventually(() -> harness.committed(P0) == 2);
    assertThat(new String(firehose.delivered(), StandardCharsets.UTF_8))
        .isEqualTo("plain\r\n\"with, comma\"\r\n");
  }
}
