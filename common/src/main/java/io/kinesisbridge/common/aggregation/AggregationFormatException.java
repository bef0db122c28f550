package io.kinesisbridge.common.aggregation;

/**
 * Thrown when bytes that start with the KPL magic are not a valid aggregate: too short for the
 * checksum, a checksum mismatch, malformed or truncated protobuf, or a key index outside its table.
 *
 * <p>Unchecked because there is nothing a caller can retry; the source decides whether such a
 * record fails the task or goes to the dead-letter queue.
 */
public final class AggregationFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message should say what was wrong and give the sizes involved. */
  public AggregationFormatException(String message) {
    super(message);
  }
}
