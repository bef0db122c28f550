package io.kinesisbridge.source.kinesis;

/** A shard iterator was used more than five minutes after it was issued; take a new one. */
public final class IteratorExpiredException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with Kinesis's message. */
  public IteratorExpiredException(String message, Throwable cause) {
    super(message, cause);
  }
}
