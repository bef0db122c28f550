package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorKind;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

  // The messages: what failed, and what to fix.

  /** AWS answered with an error that retrying cannot fix. */
  static FatalDeliveryFailure rejected(
      String destination,
      List<? extends Pending<?>> records,
      ErrorClassification classification,
      String awsMessage,
      Throwable cause) {
    String detail = awsMessage == null || awsMessage.isBlank() ? "" : " - " + awsMessage.trim();
    String message =
        "AWS rejected "
            + describe(records)
            + " sent to '"
            + destination
            + "': "
            + classification.reason()
            + detail
            + ". Retrying cannot fix this error: correct its cause, then restart the task.";
    return new FatalDeliveryFailure(message, classification, cause);
  }

  /** Records were not acknowledged within the delivery timeout. */
  static FatalDeliveryFailure timedOut(
      List<? extends Pending<?>> expired, Pending<?> oldest, Duration timeout) {
    TopicPartition partition = oldest.topicPartition;
    long ofPartition = expired.stream().filter(p -> p.topicPartition.equals(partition)).count();
    Set<TopicPartition> partitions = new HashSet<>();
    expired.forEach(p -> partitions.add(p.topicPartition));
    String overall =
        partitions.size() == 1
            ? ""
            : " (" + expired.size() + " records of " + partitions.size() + " partitions in all)";
    String lastError =
        oldest.lastError == null
            ? "none (no attempt had failed; requests were outstanding or held back by the"
                + " in-flight or rate limit)"
            : oldest.lastError;
    String message =
        "Could not deliver "
            + ofPartition
            + " records of topic-partition "
            + partition
            + " to '"
            + oldest.lane.destination.name
            + "' within "
            + timeout.toMillis()
            + " ms (the delivery timeout)"
            + overall
            + "; last error: "
            + lastError
            + ". Fix the last error, give the destination more capacity, or raise the delivery"
            + " timeout.";
    return new FatalDeliveryFailure(
        message,
        new ErrorClassification(ErrorKind.FATAL, "DeliveryTimeout", "fatal: delivery timed out"),
        null);
  }

  /** A record fits in no request, even an empty one. */
  static FatalDeliveryFailure unfit(Pending<?> record, String destination, long maxRequestBytes) {
    String message =
        "The record of topic-partition "
            + record.topicPartition
            + " at offset "
            + record.offset
            + " ("
            + record.sizeBytes
            + " bytes) fits in no request to '"
            + destination
            + "' (at most "
            + maxRequestBytes
            + " bytes, and the destination's record size limit): send such records to the"
            + " dead letter queue before they reach the pipeline, or raise the batch byte limit.";
    return new FatalDeliveryFailure(
        message,
        new ErrorClassification(ErrorKind.FATAL, "RecordTooLarge", "fatal: record too large"),
        null);
  }

  /** A record larger than any request, refused at submit. */
  static IllegalArgumentException tooLarge(Submission<?> submission, long maxRequestBytes) {
    return new IllegalArgumentException(
        "The record of topic-partition "
            + submission.topicPartition()
            + " at offset "
            + submission.offset()
            + " has "
            + submission.sizeBytes()
            + " bytes, more than a request may carry ("
            + maxRequestBytes
            + "): send such records to the dead letter queue instead");
  }

  /** The packer threw. */
  static FatalDeliveryFailure packerFailed(
      Pending<?> head, String destination, RuntimeException error) {
    String message =
        "Packing records for '"
            + destination
            + "' failed at topic-partition "
            + head.topicPartition
            + " offset "
            + head.offset
            + ": "
            + error;
    return new FatalDeliveryFailure(message, internal("PackerFailed", message), error);
  }

  /** The packer returned entries outside its budget: a bug in the sink. */
  static FatalDeliveryFailure packerBroke(Pending<?> head, String destination, String problem) {
    String message =
        "The packer for '"
            + destination
            + "' broke its contract at topic-partition "
            + head.topicPartition
            + " offset "
            + head.offset
            + ": "
            + problem;
    return new FatalDeliveryFailure(message, internal("PackerContract", message), null);
  }

  /** The sender answered with the wrong number of outcomes: a bug in the sink. */
  static FatalDeliveryFailure senderBroke(String destination, int outcomes, int entries) {
    String message =
        "The sender for '"
            + destination
            + "' answered "
            + outcomes
            + " outcomes for a request of "
            + entries
            + " entries";
    return new FatalDeliveryFailure(message, internal("SenderContract", message), null);
  }

  /** An unexpected exception inside the pipeline. */
  static FatalDeliveryFailure internalError(RuntimeException error) {
    String message = "The delivery pipeline failed unexpectedly: " + error;
    return new FatalDeliveryFailure(message, internal("InternalError", message), error);
  }

  private static ErrorClassification internal(String code, String message) {
    return new ErrorClassification(ErrorKind.FATAL, code, "fatal: " + message);
  }

  /** Like "3 records of topic-partition t-0 (offsets 4 to 9)", plus those of other partitions. */
  private static String describe(List<? extends Pending<?>> records) {
    Pending<?> first = records.get(0);
    long same = 0;
    long lowest = first.offset;
    long highest = first.offset;
    for (Pending<?> record : records) {
      if (record.topicPartition.equals(first.topicPartition)) {
        same++;
        lowest = Math.min(lowest, record.offset);
        highest = Math.max(highest, record.offset);
      }
    }
    String others =
        same == records.size() ? "" : " and " + (records.size() - same) + " of other partitions";
    String range = same == 1 ? "offset " + lowest : "offsets " + lowest + " to " + highest;
    return same
        + (same == 1 ? " record" : " records")
        + " of topic-partition "
        + first.topicPartition
        + " ("
        + range
        + ")"
        + others;
  }
}
