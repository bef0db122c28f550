package io.kinesisbridge.common.errors;

/**
 * The verdict of {@link ErrorClassifier}.
 *
 * @param kind what to do about the failure
 * @param code the AWS error code (e.g. {@code ProvisionedThroughputExceededException}), or the
 *     exception's simple class name when AWS sent none; never {@code null}
 * @param reason plain words for logs and task errors, e.g. "throttled: the shard's write limit was
 *     exceeded"
 */
public record ErrorClassification(ErrorKind kind, String code, String reason) {

  /** Whether trying again can succeed. */
  public boolean isRetriable() {
    return kind.isRetriable();
  }

  /** Whether AWS asked to slow down. */
  public boolean isThrottled() {
    return kind == ErrorKind.THROTTLED;
  }

  /** Whether retrying cannot help. */
  public boolean isFatal() {
    return kind == ErrorKind.FATAL;
  }
}
