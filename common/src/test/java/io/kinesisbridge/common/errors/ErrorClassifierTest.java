package io.kinesisbridge.common.errors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidKmsResourceException;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.KmsAccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.KmsDisabledException;
import software.amazon.awssdk.services.kinesis.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kinesis.model.KmsNotFoundException;
import software.amazon.awssdk.services.kinesis.model.KmsOptInRequiredException;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sts.model.ExpiredTokenException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassifierTest {

  private static AwsServiceException service(String code, int status) {
    return AwsServiceException.builder()
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode(code).errorMessage("message from AWS").build())
        .statusCode(status)
        .build();
  }

  static Stream<Throwable> throttledServiceErrors() {
    return Stream.of(
        ProvisionedThroughputExceededException.builder().message("Rate exceeded").build(),
        LimitExceededException.builder().message("too many ListShards").build(),
        KmsThrottlingException.builder().build(),
        ServiceUnavailableException.builder().message("Slow down.").build(),
        service("ProvisionedThroughputExceededException", 400),
        service("ThrottlingException", 400),
        service("KMSThrottlingException", 400),
        service("SomethingNew", 429),
        service("SomethingNew", 503));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("throttledServiceErrors")
  void throttlingAndSlowDownErrorsAreThrottled(Throwable error) {
    assertThat(ErrorClassifier.classify(error).kind()).isEqualTo(ErrorKind.THROTTLED);
  }

  static Stream<Throwable> retriableServiceErrors() {
    return Stream.of(
        service("InternalFailure", 500),
        service("SomethingNew", 502),
        KinesisException.builder().statusCode(500).build(),
        ExpiredIteratorException.builder().message("Iterator expired").build(),
        ResourceInUseException.builder().build(),
        ExpiredTokenException.builder().build(),
        service("ExpiredTokenException", 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retriableServiceErrors")
  void serverSideAndTransientErrorsAreRetriable(Throwable error) {
    assertThat(ErrorClassifier.classify(error).kind()).isEqualTo(ErrorKind.RETRIABLE);
  }

  static Stream<Throwable> fatalServiceErrors() {
    return Stream.of(
        ResourceNotFoundException.builder().message("Stream orders not found").build(),
        software.amazon.awssdk.services.firehose.model.ResourceNotFoundException.builder().build(),
        AccessDeniedException.builder().build(),
        service("AccessDenied", 403),
        KinesisException.builder().statusCode(403).build(),
        InvalidArgumentException.builder().build(),
        software.amazon.awssdk.services.firehose.model.InvalidArgumentException.builder().build(),
        service("ValidationException", 400),
        service("UnrecognizedClientException", 400),
        service("InvalidSignatureException", 400),
        KmsAccessDeniedException.builder().build(),
        KmsDisabledException.builder().build(),
        KmsNotFoundException.builder().build(),
        KmsInvalidStateException.builder().build(),
        KmsOptInRequiredException.builder().build(),
        InvalidKmsResourceException.builder().build(),
        FirehoseException.builder().statusCode(400).build(),
        service("SomethingNew", 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fatalServiceErrors")
  void missingResourcesDeniedAccessBadCredentialsAndBadRequestsAreFatal(Throwable error) {
    assertThat(ErrorClassifier.classify(error).kind()).isEqualTo(ErrorKind.FATAL);
  }

  static Stream<Arguments> clientSideErrors() {
    return Stream.of(
        Arguments.of(new IOException("Connection reset by peer"), ErrorKind.RETRIABLE),
        Arguments.of(new UncheckedIOException(new IOException("broken pipe")), ErrorKind.RETRIABLE),
        Arguments.of(new TimeoutException("no answer"), ErrorKind.RETRIABLE),
        Arguments.of(
            SdkClientException.create(
                "Unable to execute HTTP request: Connection refused",
                new ConnectException("Connection refused")),
            ErrorKind.RETRIABLE),
        Arguments.of(
            SdkClientException.create("The connection was closed during the request."),
            ErrorKind.RETRIABLE),
        Arguments.of(
            SdkClientException.create("Something the SDK did not expect"), ErrorKind.RETRIABLE),
        Arguments.of(ApiCallAttemptTimeoutException.create(10_000), ErrorKind.RETRIABLE),
        Arguments.of(ApiCallTimeoutException.create(30_000), ErrorKind.RETRIABLE),
        Arguments.of(
            SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain"),
            ErrorKind.FATAL),
        Arguments.of(
            SdkClientException.create(
                "Unable to load region from any of the providers in the chain"),
            ErrorKind.FATAL),
        Arguments.of(AbortedException.create("Thread was interrupted"), ErrorKind.FATAL),
        Arguments.of(new InterruptedException(), ErrorKind.FATAL),
        Arguments.of(new IllegalStateException("a bug"), ErrorKind.FATAL),
        Arguments.of(new OutOfMemoryError(), ErrorKind.FATAL));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("clientSideErrors")
  void clientSideErrorsAreRetriableWhenTheyComeFromTheNetwork(Throwable error, ErrorKind kind) {
    assertThat(ErrorClassifier.classify(error).kind()).isEqualTo(kind);
  }

  @Test
  void anEndpointCertificateThatIsNotTrustedIsFatalNotANetworkBlip() {
    Throwable untrusted =
        SdkClientException.create(
            "Unable to execute HTTP request: PKIX path building failed",
            new javax.net.ssl.SSLHandshakeException("PKIX path building failed"));
    untrusted
        .getCause()
        .initCause(
            new java.security.cert.CertPathBuilderException(
                "unable to find valid certification path to requested target"));

    ErrorClassification verdict = ErrorClassifier.classify(new CompletionException(untrusted));

    assertThat(verdict.kind()).isEqualTo(ErrorKind.FATAL);
    assertThat(verdict.reason()).contains("certificate");
  }

  @Test
  void asyncWrappersAreLookedThrough() {
    Throwable throttled = ProvisionedThroughputExceededException.builder().build();
    Throwable wrapped =
        new CompletionException(new ExecutionException(new CompletionException(throttled)));

    ErrorClassification verdict = ErrorClassifier.classify(wrapped);

    assertThat(verdict.kind()).isEqualTo(ErrorKind.THROTTLED);
    assertThat(verdict.code()).isEqualTo("ProvisionedThroughputExceededException");
  }

  @Test
  void aWrapperWithoutCauseIsClassifiedItself() {
    assertThat(ErrorClassifier.classify(new CompletionException("lost", null)).kind())
        .isEqualTo(ErrorKind.FATAL);
  }

  @Test
  void nullIsFatalRatherThanACrash() {
    assertThat(ErrorClassifier.classify(null).kind()).isEqualTo(ErrorKind.FATAL);
  }

  @Test
  void theAwsErrorCodeWinsOverTheStatusCode() {
    ErrorClassification verdict =
        ErrorClassifier.classify(service("ResourceNotFoundException", 500));

    assertThat(verdict.kind()).isEqualTo(ErrorKind.FATAL);
  }

  @Test
  void theReasonNamesTheCodeAndExplainsItInPlainWords() {
    ErrorClassification verdict =
        ErrorClassifier.classify(service("ProvisionedThroughputExceededException", 400));

    assertThat(verdict.reason())
        .startsWith("throttled: ")
        .contains("throughput limit was exceeded")
        .contains("[ProvisionedThroughputExceededException]")
        .contains("message from AWS");
    assertThat(verdict.isRetriable()).isTrue();
    assertThat(verdict.isThrottled()).isTrue();
    assertThat(verdict.isFatal()).isFalse();
  }

  @Test
  void a407FromAProxyIsFatalAndNamesTheProxyCredentials() {
    SdkServiceException refused =
        SdkServiceException.builder()
            .statusCode(407)
            .message("Proxy Authentication Required")
            .build();

    ErrorClassification verdict = ErrorClassifier.classify(refused);

    assertThat(verdict.kind()).isEqualTo(ErrorKind.FATAL);
    assertThat(verdict.code()).isEqualTo(ErrorClassifier.PROXY_AUTHENTICATION_REQUIRED);
    assertThat(verdict.reason()).contains("407", "aws.proxy.username", "aws.proxy.password");
  }

  @Test
  void aTunnelTheProxyRefusedStaysRetriableAndSaysWhatToCheck() {
    Throwable refused =
        new CompletionException(
            SdkClientException.create(
                "Unable to execute HTTP request: Could not connect to proxy",
                new IOException("Could not connect to proxy")));

    ErrorClassification verdict = ErrorClassifier.classify(refused);

    assertThat(verdict.kind()).isEqualTo(ErrorKind.RETRIABLE);
    assertThat(verdict.code()).isEqualTo(ErrorClassifier.PROXY_TUNNEL_REFUSED);
    assertThat(verdict.reason()).contains("aws.proxy.url", "aws.proxy.password");
  }

  @Test
  void aNetworkFailureNamesTheIoCause() {
    ErrorClassification verdict =
        ErrorClassifier.classify(
            SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("refused")));

    assertThat(verdict.reason()).contains("ConnectException").contains("refused");
  }

  @ParameterizedTest(name = "per-entry code {0} is {1}")
  @CsvSource({
    "ProvisionedThroughputExceededException, THROTTLED",
    "ServiceUnavailableException, THROTTLED",
    "KMSThrottlingException, THROTTLED",
    "InternalFailure, RETRIABLE",
    "SomethingAwsAddsLater, RETRIABLE",
    "KMSAccessDeniedException, FATAL",
    "KMSDisabledException, FATAL",
    "KMSNotFoundException, FATAL",
    "KMSInvalidStateException, FATAL",
    "KMSOptInRequired, FATAL",
    "InvalidKMSResourceException, FATAL",
    "kmsthrottlingexception, THROTTLED",
  })
  void perEntryErrorCodesShareTheTableWithExceptions(String code, ErrorKind kind) {
    ErrorClassification verdict = ErrorClassifier.classifyErrorCode(code);

    assertThat(verdict.kind()).isEqualTo(kind);
    assertThat(verdict.code()).isEqualTo(code);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void aFailedEntryWithoutCodeIsRetriable(String code) {
    assertThat(ErrorClassifier.classifyErrorCode(code).kind()).isEqualTo(ErrorKind.RETRIABLE);
  }

  @Test
  void onlyFatalIsNotRetriable() {
    assertThat(ErrorKind.RETRIABLE.isRetriable()).isTrue();
    assertThat(ErrorKind.THROTTLED.isRetriable()).isTrue();
    assertThat(ErrorKind.FATAL.isRetriable()).isFalse();
  }
}
