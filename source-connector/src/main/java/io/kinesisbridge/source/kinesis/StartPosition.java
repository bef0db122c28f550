package io.kinesisbridge.source.kinesis;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a shard iterator starts: a GetShardIterator type with its argument.
 *
 * @param kind the iterator type
 * @param sequenceNumber the sequence number for {@link Kind#AT_SEQUENCE_NUMBER} and {@link
 *     Kind#AFTER_SEQUENCE_NUMBER}, else null
 * @param timestamp the time for {@link Kind#AT_TIMESTAMP}, else null
 */
public record StartPosition(Kind kind, String sequenceNumber, Instant timestamp) {

  /** The iterator types the source uses, named as in the Kinesis API. */
  public enum Kind {
    TRIM_HORIZON,
    LATEST,
    AT_TIMESTAMP,
    AT_SEQUENCE_NUMBER,
    AFTER_SEQUENCE_NUMBER
  }

  /** Checks that the argument the kind needs is there. */
  public StartPosition {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.AT_SEQUENCE_NUMBER || kind == Kind.AFTER_SEQUENCE_NUMBER) {
      Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    }
    if (kind == Kind.AT_TIMESTAMP) {
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  /** The oldest retained record. */
  public static StartPosition trimHorizon() {
    return new StartPosition(Kind.TRIM_HORIZON, null, null);
  }

  /** Only records written after the iterator is taken. */
  public static StartPosition latest() {
    return new StartPosition(Kind.LATEST, null, null);
  }

  /** The first record that arrived at or after {@code time}. */
  public static StartPosition atTimestamp(Instant time) {
    return new StartPosition(Kind.AT_TIMESTAMP, null, time);
  }

  /**
   * The record with {@code sequenceNumber} itself. Resuming uses AT rather than AFTER so that the
   * rest of a partly delivered aggregate is read again; the reader skips what was delivered.
   */
  public static StartPosition atSequence(String sequenceNumber) {
    return new StartPosition(Kind.AT_SEQUENCE_NUMBER, sequenceNumber, null);
  }

  /**
   * The record after the one with {@code sequenceNumber}: where a reader goes on after an expired
   * iterator, having handed out every user record of that record already.
   */
  public static StartPosition afterSequence(String sequenceNumber) {
    return new StartPosition(Kind.AFTER_SEQUENCE_NUMBER, sequenceNumber, null);
  }
}
