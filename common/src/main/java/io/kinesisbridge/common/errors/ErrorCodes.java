package io.kinesisbridge.common.errors;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The table of AWS error codes Kinesis, Firehose, STS and KMS send, with what each means for us.
 * Codes compare without case, so the SDK's class names ({@code KmsThrottlingException}) match the
 * wire codes ({@code KMSThrottlingException}) too.
 */
final class ErrorCodes {

  /** One row of the table. */
  record Entry(ErrorKind kind, String explanation) {}

  private static final Map<String, Entry> CODES = build();

  private ErrorCodes() {}

  /** The row for {@code code}, or {@code null} when the code is not in the table. */
  static Entry lookup(String code) {
    return code == null ? null : CODES.get(code.trim().toLowerCase(Locale.ROOT));
  }

  private static Map<String, Entry> build() {
    Map<String, Entry> codes = new HashMap<>();
    throttled(codes);
    retriable(codes);
    retriableStateAndCredentials(codes);
    fatalRequest(codes);
    fatalCredentials(codes);
    fatalKms(codes);
    return Map.copyOf(codes);
  }

  private static void throttled(Map<String, Entry> codes) {
    put(
        codes,
        ErrorKind.THROTTLED,
        "a shard's write or read throughput limit was exceeded",
        "ProvisionedThroughputExceededException");
    put(
        codes,
        ErrorKind.THROTTLED,
        "an AWS API rate limit or concurrent-request limit was hit",
        "LimitExceededException",
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "RequestThrottled",
        "RequestThrottledException",
        "SlowDown",
        "PriorRequestNotComplete",
        "BandwidthLimitExceeded");
    put(
        codes,
        ErrorKind.THROTTLED,
        "KMS throttled requests for the stream's encryption key",
        "KMSThrottlingException");
    put(
        codes,
        ErrorKind.THROTTLED,
        "the service asked to slow down (Firehose's way of throttling)",
        "ServiceUnavailableException",
        "ServiceUnavailable");
  }

  private static void retriable(Map<String, Entry> codes) {
    put(
        codes,
        ErrorKind.RETRIABLE,
        "AWS had an internal error",
        "InternalFailure",
        "InternalFailureException",
        "InternalError",
        "InternalServerError",
        "InternalServiceException",
        "ServiceFailure");
    put(
        codes,
        ErrorKind.RETRIABLE,
        "the request timed out on the AWS side",
        "RequestTimeout",
        "RequestTimeoutException");
    put(
        codes,
        ErrorKind.RETRIABLE,
        "the shard iterator expired; get a new iterator and read on",
        "ExpiredIteratorException");
    put(
        codes,
        ErrorKind.RETRIABLE,
        "the ListShards page token expired; list the shards again",
        "ExpiredNextTokenException");
  }

  private static void retriableStateAndCredentials(Map<String, Entry> codes) {
    put(
        codes,
        ErrorKind.RETRIABLE,
        "the stream is being created, updated or resharded; try again once it is ACTIVE",
        "ResourceInUseException",
        "ConcurrentModificationException");
    // Temporary credentials that expire mid-flight are replaced by the refreshing providers (STS
    // assume-role, web identity, container and instance credentials) on the next attempt, so the
    // next attempt can succeed. Static session tokens never refresh: they keep failing until the
    // delivery timeout turns the failure fatal, with this reason in the error.
    put(
        codes,
        ErrorKind.RETRIABLE,
        "the temporary credentials expired; refreshing providers renew them, static session"
            + " tokens must be replaced",
        "ExpiredTokenException",
        "ExpiredToken",
        "RequestExpired");
    put(
        codes,
        ErrorKind.RETRIABLE,
        "STS could not reach the identity provider",
        "IDPCommunicationError",
        "IDPCommunicationErrorException");
  }

  private static void fatalRequest(Map<String, Entry> codes) {
    put(
        codes,
        ErrorKind.FATAL,
        "the stream, shard, consumer or delivery stream does not exist",
        "ResourceNotFoundException");
    put(
        codes,
        ErrorKind.FATAL,
        "AWS rejected the request as invalid",
        "InvalidArgumentException",
        "ValidationException",
        "InvalidParameterException",
        "InvalidParameterValue",
        "InvalidParameterCombination",
        "MissingParameter",
        "InvalidRequestException",
        "SerializationException",
        "UnknownOperationException",
        "InvalidSourceException");
    put(
        codes,
        ErrorKind.FATAL,
        "the credentials are not allowed to do this (check the IAM policy)",
        "AccessDeniedException",
        "AccessDenied",
        "NotAuthorized",
        "UnauthorizedOperation",
        "OptInRequired");
  }

  private static void fatalCredentials(Map<String, Entry> codes) {
    put(
        codes,
        ErrorKind.FATAL,
        "AWS does not recognise the credentials (wrong or deleted key)",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "MissingAuthenticationToken",
        "AuthFailure",
        "IncompleteSignature");
    put(
        codes,
        ErrorKind.FATAL,
        "the request signature is wrong (wrong secret access key)",
        "InvalidSignatureException",
        "SignatureDoesNotMatch");
    put(
        codes,
        ErrorKind.FATAL,
        "STS rejected the web identity token",
        "InvalidIdentityToken",
        "InvalidIdentityTokenException",
        "IDPRejectedClaim",
        "IDPRejectedClaimException");
  }

  private static void fatalKms(Map<String, Entry> codes) {
    put(
        codes,
        ErrorKind.FATAL,
        "the credentials may not use the stream's KMS key",
        "KMSAccessDeniedException");
    put(codes, ErrorKind.FATAL, "the stream's KMS key is disabled", "KMSDisabledException");
    put(codes, ErrorKind.FATAL, "the stream's KMS key does not exist", "KMSNotFoundException");
    put(
        codes,
        ErrorKind.FATAL,
        "the stream's KMS key is not in a usable state",
        "KMSInvalidStateException");
    put(
        codes,
        ErrorKind.FATAL,
        "the account is not subscribed to KMS",
        "KMSOptInRequired",
        "KmsOptInRequiredException");
    put(
        codes,
        ErrorKind.FATAL,
        "Firehose cannot use the configured KMS key",
        "InvalidKMSResourceException");
  }

  private static void put(
      Map<String, Entry> codes, ErrorKind kind, String explanation, String... names) {
    Entry entry = new Entry(kind, explanation);
    for (String name : names) {
      codes.put(name.toLowerCase(Locale.ROOT), entry);
    }
  }
}
