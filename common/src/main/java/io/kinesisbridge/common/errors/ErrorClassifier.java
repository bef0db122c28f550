package io.kinesisbridge.common.errors;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place that decides whether a failed AWS call, or a failed entry of a PutRecords or
 * PutRecordBatch response, is worth retrying.
 *
 * <p>Service errors are judged by their AWS error code first, so Kinesis and Firehose share the
 * rules; the exception's class name stands in when no code was parsed, and the HTTP status after
 * that (429 and 503 throttle, other 5xx retry, 4xx are fatal). Client-side failures are retriable
 * when they come from the network (I/O errors, dropped or reset connections, timeouts): a dropped
 * connection must never lose data. Unrecognised client-side SDK errors are retriable too, because a
 * retry ends at the connector's delivery timeout anyway, while a wrong fatal verdict kills a task
 * over a blip; known configuration errors (no credentials, no region) are fatal.
 */
public final class ErrorClassifier {

  /** The code of a verdict on a proxy that demanded credentials or refused the given ones. */
  public static final String PROXY_AUTHENTICATION_REQUIRED = "ProxyAuthenticationRequired";

  /** The code of a verdict on a proxy that refused a CONNECT tunnel without saying why. */
  public static final String PROXY_TUNNEL_REFUSED = "ProxyTunnelRefused";

  private static final String PROXY_407 =
      "the HTTP proxy (aws.proxy.url) answered 407 Proxy Authentication Required: set or fix"
          + " aws.proxy.username and aws.proxy.password";

  /** How deep to look through causes; SDK chains are short, and cycles must not hang us. */
  private static final int MAX_CAUSE_DEPTH = 10;

  private ErrorClassifier() {}

  /**
   * Classifies a failure, looking through {@link CompletionException} and {@link
   * ExecutionException} wrappers as async clients deliver them.
   */
  public static ErrorClassification classify(Throwable failure) {
    Throwable error = unwrap(failure);
    if (error == null) {
      return new ErrorClassification(ErrorKind.FATAL, "null", "no exception was given");
    }
    if (error instanceof AwsServiceException aws) {
      return classifyService(
          aws, aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode());
    }
    if (error instanceof SdkServiceException service) {
      return classifyService(service, null);
    }
    return classifyClientSide(error);
  }

  /**
   * Classifies the {@code ErrorCode} of one failed entry of a PutRecords or PutRecordBatch
   * response. Codes outside the table are retriable: AWS documents per-entry failures as transient,
   * and a persistent one still ends at the delivery timeout.
   *
   * @param code e.g. {@code ProvisionedThroughputExceededException} or {@code InternalFailure}
   */
  public static ErrorClassification classifyErrorCode(String code) {
    if (code == null || code.isBlank()) {
      return new ErrorClassification(
          ErrorKind.RETRIABLE, "", "the entry failed without an error code");
    }
    ErrorCodes.Entry entry = ErrorCodes.lookup(code);
    if (entry == null) {
      return verdict(ErrorKind.RETRIABLE, code.trim(), "unrecognised per-entry error", null);
    }
    return verdict(entry.kind(), code.trim(), entry.explanation(), null);
  }

  private static ErrorClassification classifyService(SdkServiceException error, String awsCode) {
    if (error.statusCode() == 407) {
      // AWS never answers 407: an HTTP proxy in front of a plain-http endpoint did.
      return verdict(ErrorKind.FATAL, PROXY_AUTHENTICATION_REQUIRED, PROXY_407, error.getMessage());
    }
    String code = awsCode == null || awsCode.isBlank() ? className(error) : awsCode;
    String message = error.getMessage();
    ErrorCodes.Entry entry = ErrorCodes.lookup(code);
    if (entry != null) {
      return verdict(entry.kind(), code, entry.explanation(), message);
    }
    String label = code == null ? "HTTP " + error.statusCode() : code;
    int status = error.statusCode();
    if (status == 429 || status == 503 || error.isThrottlingException()) {
      return verdict(ErrorKind.THROTTLED, label, "AWS throttled the request", message);
    }
    if (status >= 500 || status == 408 || error.isRetryableException()) {
      return verdict(ErrorKind.RETRIABLE, label, "AWS had a server-side error", message);
    }
    if (status == 401 || status == 403) {
      return verdict(ErrorKind.FATAL, label, "AWS refused the credentials or access", message);
    }
    return verdict(ErrorKind.FATAL, label, "AWS rejected the request", message);
  }

  /**
   * The exception's class name, which for modelled errors equals the AWS error code (such as {@code
   * ProvisionedThroughputExceededException}); {@code null} for the SDK's generic bases.
   */
  private static String className(Throwable error) {
    Class<?> type = error.getClass();
    return type == AwsServiceException.class || type == SdkServiceException.class
        ? null
        : type.getSimpleName();
  }

  private static ErrorClassification classifyClientSide(Throwable error) {
    String name = error.getClass().getSimpleName();
    if (error instanceof ApiCallAttemptTimeoutException) {
      return verdict(ErrorKind.RETRIABLE, name, "an HTTP attempt timed out", error.getMessage());
    }
    if (error instanceof ApiCallTimeoutException) {
      return verdict(
          ErrorKind.RETRIABLE,
          name,
          "the API call timed out, retries included",
          error.getMessage());
    }
    if (error instanceof AbortedException || error instanceof InterruptedException) {
      return verdict(
          ErrorKind.FATAL,
          name,
          "the call was aborted: the client is closing or the thread was interrupted",
          error.getMessage());
    }
    ErrorClassification proxy = proxyRefusal(error);
    if (proxy != null) {
      return proxy;
    }
    Throwable certificate = certificateProblem(error);
    if (certificate != null) {
      // A retry meets the same certificate: fail with the reason instead of retrying for minutes.
      return verdict(
          ErrorKind.FATAL,
          name,
          "the endpoint's TLS certificate is not trusted ("
              + certificate.getClass().getSimpleName()
              + "): check aws.endpoint.url and the JVM's trust store",
          certificate.getMessage());
    }
    Throwable network = networkCause(error);
    if (network != null) {
      return verdict(
          ErrorKind.RETRIABLE,
          name,
          "network I/O failed (" + network.getClass().getSimpleName() + ")",
          network.getMessage());
    }
    if (error instanceof SdkException sdk) {
      return classifySdkClient(sdk);
    }
    return verdict(ErrorKind.FATAL, name, "unexpected error", error.getMessage());
  }

  private static ErrorClassification classifySdkClient(SdkException error) {
    String name = error.getClass().getSimpleName();
    String message = lower(error.getMessage());
    if (message.contains("unable to load credentials")
        || message.contains("unable to load region")
        || message.contains("invalid configuration")) {
      return verdict(
          ErrorKind.FATAL,
          name,
          "the AWS client is misconfigured (credentials," + " region or endpoint)",
          error.getMessage());
    }
    if (looksLikeConnectionTrouble(message)) {
      return verdict(ErrorKind.RETRIABLE, name, "the connection failed", error.getMessage());
    }
    return verdict(
        ErrorKind.RETRIABLE,
        name,
        "client-side SDK error; retried until the delivery" + " timeout",
        error.getMessage());
  }

  /** A certificate or certification path failure in the causes of a TLS handshake, or null. */
  private static Throwable certificateProblem(Throwable error) {
    Throwable current = error;
    for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
      if (current instanceof GeneralSecurityException) {
        return current;
      }
      current = current.getCause();
    }
    return null;
  }

  /**
   * A verdict when a proxy refused a CONNECT tunnel of the Netty client, which only says "Could not
   * connect to proxy", whatever the proxy answered (407, 403 or 502); so it stays retriable and
   * says what to check. (The Apache client hands the proxy's own answer on, so a 407 arrives as a
   * service error with that status.)
   */
  private static ErrorClassification proxyRefusal(Throwable error) {
    Throwable current = error;
    for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
      if (current instanceof IOException
          && "Could not connect to proxy".equals(current.getMessage())) {
        return verdict(
            ErrorKind.RETRIABLE,
            PROXY_TUNNEL_REFUSED,
            "the HTTP proxy (aws.proxy.url) refused to open a CONNECT tunnel: check"
                + " aws.proxy.username and aws.proxy.password, and that the proxy lets the"
                + " worker reach the AWS endpoint",
            current.getMessage());
      }
      current = current.getCause();
    }
    return null;
  }

  /** The first I/O or timeout exception in the cause chain of {@code error}, or {@code null}. */
  private static Throwable networkCause(Throwable error) {
    Throwable current = error;
    for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
      if (current instanceof IOException
          || current instanceof UncheckedIOException
          || current instanceof TimeoutException
          // Netty's ReadTimeoutException and WriteTimeoutException are not IOExceptions.
          || current.getClass().getSimpleName().endsWith("TimeoutException")
              && !(current instanceof SdkException)) {
        return current;
      }
      current = current.getCause();
    }
    return null;
  }

  private static boolean looksLikeConnectionTrouble(String message) {
    return message.contains("connection")
            && (message.contains("closed")
                || message.contains("reset")
                || message.contains("refused")
                || message.contains("abort"))
        || message.contains("timed out")
        || message.contains("unable to execute http request")
        || message.contains("channel");
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    for (int depth = 0; depth < MAX_CAUSE_DEPTH; depth++) {
      boolean wrapper =
          current instanceof CompletionException || current instanceof ExecutionException;
      if (!wrapper || current.getCause() == null) {
        return current;
      }
      current = current.getCause();
    }
    return current;
  }

  private static ErrorClassification verdict(
      ErrorKind kind, String code, String explanation, String message) {
    String prefix =
        switch (kind) {
          case THROTTLED -> "throttled: ";
          case RETRIABLE -> "retriable: ";
          case FATAL -> "fatal: ";
        };
    String detail = message == null || message.isBlank() ? "" : " - " + message.trim();
    return new ErrorClassification(kind, code, prefix + explanation + " [" + code + "]" + detail);
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}
