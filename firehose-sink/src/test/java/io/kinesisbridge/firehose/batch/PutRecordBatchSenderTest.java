package io.kinesisbridge.firehose.batch;

import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;
import io.kinesisbridge.firehose.client.DeliveryStreamInfo;
import io.kinesisbridge.firehose.client.FirehosePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PutRecordBatchSenderTest {

  private static Record record(int bytes) {
    return Record.builder().data(SdkBytes.fromByteArray(new byte[bytes])).build();
  }

  /** A port that answers every call with {@code answers}. */
  private static FirehosePort answering(List<PutRecordBatchResponseEntry> answers) {
    return new FirehosePort() {
      @Override
      public CompletableFuture<PutRecordBatchResponse> putRecordBatch(
          String deliveryStream, List<Record> records) {
        return CompletableFuture.completedFuture(
            PutRecordBatchResponse.builder().requestResponses(answers).build());
      }

      @Override
      public CompletableFuture<DeliveryStreamInfo> describe(String deliveryStream) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void eachAnswerBecomesAnOutcomeAndOnlyAcceptedRecordsAreBilled() {
    BillingMeter meter = new BillingMeter();
    PutRecordBatchSender sender =
        new PutRecordBatchSender(
            answering(
                List.of(
                    PutRecordBatchResponseEntry.builder().recordId("1").build(),
                    PutRecordBatchResponseEntry.builder()
                        .errorCode("ServiceUnavailableException")
                        .errorMessage("Slow down.")
                        .build())),
            meter);

    List<EntryOutcome> outcomes = sender.send("s", List.of(record(10), record(6000))).join();

    assertThat(outcomes.get(0).success()).isTrue();
    assertThat(outcomes.get(1))
        .isEqualTo(EntryOutcome.failed("ServiceUnavailableException", "Slow down."));
    assertThat(meter.payloadBytes()).isEqualTo(10);
    assertThat(meter.billedBytes()).isEqualTo(5120);
  }

  @Test
  void anAnswerThatDoesNotMatchTheRequestFailsTheCall() {
    PutRecordBatchSender sender =
        new PutRecordBatchSender(answering(List.of()), new BillingMeter());

    assertThatThrownBy(() -> sender.send("s", List.of(record(1))).join())
        .isInstanceOf(CompletionException.class)
        .hasMessageContaining("0 results for 1 records");
  }

  @Test
  void firehosesServiceUnavailableIsThrottlingBothForTheCallAndForOneRecord() {
    ErrorClassification call =
        ErrorClassifier.classify(
            ServiceUnavailableException.builder().message("Slow down.").statusCode(503).build());
    ErrorClassification wire =
        ErrorClassifier.classify(
            FirehoseException.builder()
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("ServiceUnavailableException").build())
                .statusCode(400)
                .build());

    assertThat(call.isThrottled()).isTrue();
    assertThat(wire.isThrottled()).isTrue();
    assertThat(ErrorClassifier.classifyErrorCode("ServiceUnavailableException").isThrottled())
        .isTrue();
    assertThat(ErrorClassifier.classifyErrorCode("InternalFailure").isRetriable()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"ResourceNotFoundException", "AccessDeniedException", "InvalidArgumentException"})
  void theErrorsThatNeedAFixAreFatal(String code) {
    AwsServiceException error =
        switch (code) {
          case "ResourceNotFoundException" -> ResourceNotFoundException.builder().build();
          case "InvalidArgumentException" -> InvalidArgumentException.builder().build();
          default ->
              FirehoseException.builder()
                  .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                  .statusCode(400)
                  .build();
        };

    assertThat(ErrorClassifier.classify(error).isFatal()).isTrue();
    assertThat(ErrorClassifier.classifyErrorCode(code).isFatal()).isTrue();
  }
}
