package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.errors.ErrorClassification;

import java.util.Objects;

/**
 * Why the pipeline stopped for good: a non-retriable error from AWS, a record that can never fit in
 * a request, or records that were not acknowledged within the delivery timeout. The task rethrows
 * it (as a {@code ConnectException}) from its next {@code put} or {@code preCommit}.
 *
 * @param message what failed and what to fix, ready for the task's error
 * @param classification the verdict behind it ({@link
 *     io.kinesisbridge.common.errors.ErrorKind#FATAL})
 * @param cause the exception of a failed call, or {@code null}
 */
public record FatalDeliveryFailure(
    String message, ErrorClassification classification, Throwable cause) {

  /** Checks the fields. */
  public FatalDeliveryFailure {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(classification, "classification");
  }

  @Override
  public String toString() {
    return message;
  }
}
