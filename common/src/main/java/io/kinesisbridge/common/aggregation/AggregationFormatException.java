package io.kinesisbridge.common.aggregation;

/**
 * Thrown when bytes that start with the KPL magic are not a valid aggregate: too short for the
 * checksum, a checksum mismatch, malformed or truncated protobuf (a varint beyond 64 bits, a length
 * beyond the bytes that remain, an unknown wire type, a missing required field), a key index
 * outside its table, or an explicit hash key that is no decimal from 0 to 2^128 - 1. It is the only
 * exception {@link AggregateDecoder#decode} throws for any input.
 *
 * <p>Unchecked because there is nothing a caller can retry; the source passes such a record on as
 * its raw bytes, with a WARN, as AWS's KCL does.
 */
public final class AggregationFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message should say what was wrong and give the sizes involved. */
  public AggregationFormatException(String message) {
    super(message);
  }
}
