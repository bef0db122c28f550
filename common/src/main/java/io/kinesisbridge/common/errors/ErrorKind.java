package io.kinesisbridge.common.errors;

/** What to do about a failed AWS call or a failed entry of a batch call. */
public enum ErrorKind {
  /** Transient: try again after a backoff (network trouble, a 5xx, an expired iterator). */
  RETRIABLE,
  /** AWS asked us to slow down: try again, but back off harder and send less for a while. */
  THROTTLED,
  /** Retrying cannot help: wrong config, missing resource, denied access, bad request. */
  FATAL;

  /** Whether trying again can succeed: true for {@link #RETRIABLE} and {@link #THROTTLED}. */
  public boolean isRetriable() {
    return this != FATAL;
  }
}
