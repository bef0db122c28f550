package io.kinesisbridge.sink.record;

import org.apache.kafka.connect.errors.DataException;

/** A record that can never be written to Kinesis as it is: too large, unconvertible, unkeyable. */
public final class UndeliverableRecordException extends DataException {

  private static final long serialVersionUID = 1L;

  public UndeliverableRecordException(String message) {
    super(message);
  }

  public UndeliverableRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
