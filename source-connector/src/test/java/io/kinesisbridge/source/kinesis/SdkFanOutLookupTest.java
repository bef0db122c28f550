package io.kinesisbridge.source.kinesis;

import io.kinesisbridge.common.kinesis.StreamRef;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamConsumerRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamConsumerResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.RegisterStreamConsumerRequest;
import software.amazon.awssdk.services.kinesis.model.RegisterStreamConsumerResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stream consumer lookup of enhanced fan-out when many tasks start at once: throttled or
 * failing control-plane calls are retried with a jittered, bounded backoff; a missing stream or
 * refused permissions fail at once with a plain message.
 */
class SdkFanOutLookupTest {

  private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

  /** A control-plane client that fails each call as scripted, then answers as AWS would. */
  private static final class ScriptedClient implements KinesisClient {
    final Deque<RuntimeException> summaryFailures = new ArrayDeque<>();
    final Deque<RuntimeException> consumerFailures = new ArrayDeque<>();
    final Deque<RuntimeException> registerFailures = new ArrayDeque<>();
    boolean registered;
    int calls;

    @Override
    public DescribeStreamSummaryResponse describeStreamSummary(
        DescribeStreamSummaryRequest request) {
      calls++;
      failIfScripted(summaryFailures);
      return DescribeStreamSummaryResponse.builder()
          .streamDescriptionSummary(
              StreamDescriptionSummary.builder().streamARN(STREAM_ARN).build())
          .build();
    }

    @Override
    public DescribeStreamConsumerResponse describeStreamConsumer(
        DescribeStreamConsumerRequest request) {
      calls++;
      failIfScripted(consumerFailures);
      if (!registered) {
        throw error(400, "ResourceNotFoundException");
      }
      return DescribeStreamConsumerResponse.builder()
          .consumerDescription(
              ConsumerDescription.builder()
                  .consumerARN(request.streamARN() + "/consumer/bridge:1")
                  .consumerStatus(ConsumerStatus.ACTIVE)
                  .build())
          .build();
    }

    @Override
    public RegisterStreamConsumerResponse registerStreamConsumer(
        RegisterStreamConsumerRequest request) {
      calls++;
      failIfScripted(registerFailures);
      registered = true;
      return RegisterStreamConsumerResponse.builder().build();
    }

    private static void failIfScripted(Deque<RuntimeException> failures) {
      if (!failures.isEmpty()) {
        throw failures.poll();
      }
    }

    @Override
    public String serviceName() {
      return "kinesis";
    }

    @Override
    public void close() {}
  }

  private static RuntimeException error(int status, String code) {
    AwsServiceException.Builder builder =
        switch (code) {
          case "LimitExceededException" -> LimitExceededException.builder();
          case "ResourceNotFoundException" -> ResourceNotFoundException.builder();
          default -> KinesisException.builder();
        };
    return (RuntimeException)
        builder
            .statusCode(status)
            .message(code)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
            .build();
  }

  private final ScriptedClient client = new ScriptedClient();
  private final List<Long> sleeps = new ArrayList<>();

  private SdkFanOut fanOut() {
    StreamRefs streams = StreamRefs.of(List.of(StreamRef.parse("orders")));
    return new SdkFanOut(
        client,
        (KinesisAsyncClient) null,
        streams,
        () -> {},
        new LookupRetry(sleeps::add, () -> 0.5));
  }

  @Test
  void throttledLookupsWhileManyTasksStartAreRetriedUntilTheConsumerIsFound() {
    for (int i = 0; i < 3; i++) {
      client.summaryFailures.add(error(400, "LimitExceededException"));
      client.consumerFailures.add(error(400, "LimitExceededException"));
    }
    client.registerFailures.add(error(500, "InternalFailure"));

    String arn = fanOut().activeConsumer("orders", "bridge");

    assertThat(arn).isEqualTo(STREAM_ARN + "/consumer/bridge:1");
    assertThat(sleeps).hasSize(7).allSatisfy(ms -> assertThat(ms).isPositive());
    assertThat(sleeps.stream().mapToLong(Long::longValue).sum())
        .isLessThanOrEqualTo(LookupRetry.BUDGET.toMillis());
  }

  @Test
  void aLookupThrottledForLongerThanTheBudgetFailsTheTaskWithThePlainReason() {
    for (int i = 0; i < 1_000; i++) {
      client.summaryFailures.add(error(400, "LimitExceededException"));
    }

    assertThatThrownBy(() -> fanOut().activeConsumer("orders", "bridge"))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("DescribeStreamSummary")
        .hasMessageContaining("orders")
        .hasMessageContaining("rate limit");
    long slept = sleeps.stream().mapToLong(Long::longValue).sum();
    assertThat(slept)
        .isLessThanOrEqualTo(LookupRetry.BUDGET.toMillis())
        .isGreaterThan(LookupRetry.BUDGET.toMillis() / 2);
  }

  @Test
  void refusedPermissionsFailAtOnceNamingTheCallAndTheStream() {
    client.consumerFailures.add(error(400, "AccessDeniedException"));

    assertThatThrownBy(() -> fanOut().activeConsumer("orders", "bridge"))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("DescribeStreamConsumer")
        .hasMessageContaining("orders")
        .hasMessageContaining("IAM");
    assertThat(sleeps).isEmpty();
    assertThat(client.calls).isEqualTo(2);
  }

  @Test
  void aMissingStreamFailsAtOnceWithAPlainMessage() {
    client.summaryFailures.add(error(400, "ResourceNotFoundException"));

    assertThatThrownBy(() -> fanOut().activeConsumer("orders", "bridge"))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("stream 'orders'")
        .hasMessageContaining("does not exist");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void theBackoffGrowsAndIsJittered() {
    LookupRetry low = new LookupRetry(ms -> {}, () -> 0.0);
    LookupRetry high = new LookupRetry(ms -> {}, () -> 0.999);

    assertThat(low.backoffMs(1)).isLessThan(high.backoffMs(1));
    assertThat(high.backoffMs(4)).isGreaterThan(high.backoffMs(1));
    assertThat(high.backoffMs(30)).isLessThanOrEqualTo(LookupRetry.MAX_BACKOFF_MS);
  }
}
