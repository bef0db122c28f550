package io.kinesisbridge.source.kinesis;

/** GetRecords was refused because the shard's read budget is used up; retry after a backoff. */
public final class ReadThrottledException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with Kinesis's message. */
  public ReadThrottledException(String message, Throwable cause) {
    super(message, cause);
  }
}
