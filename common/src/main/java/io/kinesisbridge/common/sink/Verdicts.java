package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.common.errors.ErrorKind;
import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;
import io.kinesisbridge.common.sink.BatchSender.SuccessInspector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a request, judged: per entry acknowledge, retry or fail, and which rate limiters
 * hear throttling or success. A pure function of the request's entries, their shards and the
 * answer; applying the judgement to records, lanes and limiters is the pipeline's business.
 */
final class Verdicts {

  private static final ErrorClassification UNEXPECTED_SHARD =
      new ErrorClassification(
          ErrorKind.RETRIABLE,
          "UnexpectedShard",
          "retriable: the entry landed on a shard other than the one it was packed for; sending"
              + " it again [UnexpectedShard]");

  private Verdicts() {}

  /** What happens to the records of one entry. */
  enum Action {
    ACKNOWLEDGE,
    RETRY,
    FAIL
  }

  /**
   * The verdict on one entry.
   *
   * @param action what happens to its records
   * @param classification why it failed; {@code null} when acknowledged
   * @param awsMessage AWS's message for a failed entry, or {@code null}
   */
  record Entry(Action action, ErrorClassification classification, String awsMessage) {

    private static final Entry ACKNOWLEDGED = new Entry(Action.ACKNOWLEDGE, null, null);

    /** The classification's reason with AWS's message, for the records' last error. */
    String reason() {
      return awsMessage == null || awsMessage.isBlank()
          ? classification.reason()
          : classification.reason() + " - " + awsMessage.trim();
    }
  }

  /**
   * The judgement of one answer.
   *
   * @param answered whether the sender kept its contract (one outcome per entry, or a failed call);
   *     when not, {@code entries} is empty
   * @param entries per entry, in request order
   * @param streamThrottled whether the destination's own limiter must slow down: the whole call was
   *     throttled, or an entry without a shard
   * @param streamSucceeded whether some entry succeeded and the destination's limiter may speed up
   * @param shardsThrottled per shard that had entries in a call that got an answer: whether one of
   *     them was throttled (slow down) or not (speed up)
   */
  record Judgement(
      boolean answered,
      List<Entry> entries,
      boolean streamThrottled,
      boolean streamSucceeded,
      Map<Object, Boolean> shardsThrottled) {}

  /**
   * Judges the answer to a request.
   *
   * @param entries the request's entries
   * @param shards per entry, the shard of its records, or {@code null}
   * @param outcomes one per entry when the call got an answer; ignored when {@code failure} is set
   * @param failure why the whole call failed, or {@code null}
   * @param inspector a second look at successes
   */
  static <E> Judgement judge(
      List<E> entries,
      List<?> shards,
      List<EntryOutcome> outcomes,
      Throwable failure,
      SuccessInspector<E> inspector) {
    if (failure == null && (outcomes == null || outcomes.size() != entries.size())) {
      return new Judgement(false, List.of(), false, false, Map.of());
    }
    if (failure != null) {
      ErrorClassification call = ErrorClassifier.classify(failure);
      Entry verdict = new Entry(call.isFatal() ? Action.FAIL : Action.RETRY, call, null);
      return new Judgement(
          true, Collections.nCopies(entries.size(), verdict), call.isThrottled(), false, Map.of());
    }
    List<Entry> verdicts = new ArrayList<>(entries.size());
    Map<Object, Boolean> shardsThrottled = new LinkedHashMap<>();
    boolean streamThrottled = false;
    boolean succeeded = false;
    for (int i = 0; i < entries.size(); i++) {
      Entry verdict = entry(entries.get(i), outcomes.get(i), inspector);
      verdicts.add(verdict);
      succeeded |= verdict.action() == Action.ACKNOWLEDGE;
      boolean throttled =
          verdict.classification() != null && verdict.classification().isThrottled();
      Object shard = shards.get(i);
      if (shard != null) {
        // A throttled entry slows its shard only: one hot shard must not starve the others.
        shardsThrottled.merge(shard, throttled, Boolean::logicalOr);
      } else {
        streamThrottled |= throttled;
      }
    }
    return new Judgement(true, verdicts, streamThrottled, succeeded, shardsThrottled);
  }

  private static <E> Entry entry(E entry, EntryOutcome outcome, SuccessInspector<E> inspector) {
    if (outcome == null) {
      return failed(ErrorClassifier.classifyErrorCode(null), null);
    }
    if (!outcome.success()) {
      return failed(ErrorClassifier.classifyErrorCode(outcome.errorCode()), outcome.errorMessage());
    }
    return inspector.acceptsSuccess(entry, outcome)
        ? Entry.ACKNOWLEDGED
        : new Entry(Action.RETRY, UNEXPECTED_SHARD, null);
  }

  private static Entry failed(ErrorClassification classification, String awsMessage) {
    return new Entry(
        classification.isFatal() ? Action.FAIL : Action.RETRY, classification, awsMessage);
  }
}
