package io.kinesisbridge.firehose;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kinesisbridge.firehose.TaskHarness.P0;
import static io.kinesisbridge.firehose.TaskHarness.eventually;
import static io.kinesisbridge.firehose.TaskHarness.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Errors retrying cannot fix stop the task with what to fix, and commit nothing. */
class FatalErrorsTest {

  private final TaskHarness harness = new TaskHarness();

  @AfterEach
  void stopTask() {
    harness.close();
  }

  static Stream<Arguments> callFailures() {
    return Stream.of(
        Arguments.of(
            ResourceNotFoundException.builder().message("Firehose deliveries not found.").build(),
            "firehose.delivery.stream"),
        Arguments.of(
            FirehoseException.builder()
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("AccessDeniedException")
                        .errorMessage("not authorized to perform: firehose:PutRecordBatch")
                        .build())
                .statusCode(400)
                .build(),
            "firehose:PutRecordBatch"),
        Arguments.of(
            InvalidArgumentException.builder()
                .message("This operation is not permitted on KinesisStreamAsSource stream type.")
                .build(),
            "Direct PUT"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("callFailures")
  void aFatalCallFailureStopsTheTaskWithWhatToFixAndCommitsNothing(
      RuntimeException failure, String remedy) {
    harness.start(Map.of(), false);
    harness.firehose.callFailure = failure;

    harness.task.put(records(0, 10, i -> "v" + i));

    eventually(() -> failsWith(() -> harness.committed(P0)));
    assertThatThrownBy(() -> harness.committed(P0))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("'deliveries'")
        .hasMessageContaining(remedy);
    assertThatThrownBy(() -> harness.task.put(List.of())).isInstanceOf(ConnectException.class);
    assertThat(harness.firehose.acceptedRecords()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"AccessDeniedException", "InvalidKMSResourceException"})
  void aFatalPerRecordErrorStopsTheTaskToo(String errorCode) {
    harness.firehose.recordFault = (call, record) -> errorCode;
    harness.start(Map.of(), false);

    harness.task.put(records(0, 5, i -> "v" + i));

    eventually(() -> failsWith(() -> harness.task.put(List.of())));
    assertThatThrownBy(() -> harness.committed(P0)).hasMessageContaining(errorCode);
  }

  private static boolean failsWith(Runnable action) {
    try {
      action.run();
      return false;
    } catch (ConnectException e) {
      return true;
    }
  }
}
