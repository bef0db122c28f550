package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.common.errors.ErrorKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies the answer to a request: acknowledges the records of successful entries exactly once,
 * parks the records of retriable failures for a backoff, reports fatal ones, and feeds throttling
 * and success to the destination's rate limiter. Guarded by the pipeline's lock.
 */
final class OutcomeHandler<R, E> {

  private static final ErrorClassification UNEXPECTED_SHARD =
      new ErrorClassification(
          ErrorKind.RETRIABLE,
          "UnexpectedShard",
          "retriable: the entry landed on a shard other than the one it was packed for; sending"
              + " it again [UnexpectedShard]");

  private final LaneTable<R> lanes;
  private final PipelineCounters counters;
  private final Backoff backoff;
  private final SuccessInspector<E> inspector;
  private final boolean ordered;
  private final Consumer<FatalDeliveryFailure> onFatal;

  OutcomeHandler(
      PipelineCore.Parts<R, E> parts, Backoff backoff, Consumer<FatalDeliveryFailure> onFatal) {
    this.lanes = parts.lanes();
    this.counters = parts.counters();
    this.inspector = parts.inspector();
    this.ordered = parts.settings().ordered();
    this.backoff = backoff;
    this.onFatal = onFatal;
  }

  /**
   * Applies the outcomes of {@code request}, or the failure of the whole call.
   *
   * <p>The retried entries of one answer share one backoff deadline (drawn for the highest attempt
   * among them): entries that failed together are retried together, in one request and in their
   * order, instead of being scattered by independent jitter into many small requests.
   */
  void apply(
      OutgoingRequest<R, E> request, List<EntryOutcome> outcomes, Throwable failure, long now) {
    Destination<R> destination = request.destination;
    if (failure == null && (outcomes == null || outcomes.size() != request.entryCount())) {
      counters.failed += request.records.size();
      onFatal.accept(
          Failures.senderBroke(
              destination.name, outcomes == null ? 0 : outcomes.size(), request.entryCount()));
      return;
    }
    List<List<Pending<R>>> retries = new ArrayList<>();
    Map<Object, Boolean> shardThrottled = new HashMap<>();
    boolean throttled = false;
    boolean succeeded = false;
    ErrorClassification callVerdict = failure == null ? null : ErrorClassifier.classify(failure);
    for (int i = 0; i < request.entryCount(); i++) {
      EntryOutcome outcome = failure == null ? outcomes.get(i) : null;
      ErrorClassification verdict =
          callVerdict != null ? callVerdict : verdict(request.entries.get(i), outcome);
      List<Pending<R>> records = request.recordsOf(i);
      Object shard = records.get(0).shard;
      boolean entryThrottled = verdict != null && verdict.isThrottled();
      if (callVerdict == null && shard != null) {
        // A throttled entry slows its shard only: one hot shard must not starve the others.
        shardThrottled.merge(shard, entryThrottled, Boolean::logicalOr);
      } else {
        throttled |= entryThrottled;
      }
      if (verdict == null) {
        acknowledge(records);
        succeeded = true;
        continue;
      }
      String message = outcome == null ? null : outcome.errorMessage();
      List<Pending<R>> retry = fail(records, verdict, message, failure);
      if (retry != null) {
        retries.add(retry);
      }
    }
    park(retries, now);
    shardThrottled.forEach(
        (shard, wasThrottled) -> feed(destination.shardLimiter(shard), wasThrottled, now));
    if (throttled) {
      destination.limiter.onThrottle(now);
    } else if (succeeded) {
      destination.limiter.onSuccess(now);
    }
  }

  private static void feed(AimdRateLimiter limiter, boolean throttled, long now) {
    if (throttled) {
      limiter.onThrottle(now);
    } else {
      limiter.onSuccess(now);
    }
  }

  /** Why an entry failed, or {@code null} when its success stands. */
  private ErrorClassification verdict(E entry, EntryOutcome outcome) {
    if (outcome == null) {
      return ErrorClassifier.classifyErrorCode(null);
    }
    if (!outcome.success()) {
      return ErrorClassifier.classifyErrorCode(outcome.errorCode());
    }
    return inspector.acceptsSuccess(entry, outcome) ? null : UNEXPECTED_SHARD;
  }

  private void acknowledge(List<Pending<R>> records) {
    Lane<R> lane = records.get(0).lane;
    for (Pending<R> record : records) {
      if (record.isForgotten()) {
        counters.dropped++;
      } else {
        record.acknowledge();
        counters.acknowledged++;
      }
      counters.release(record.sizeBytes);
    }
    if (ordered) {
      lanes.ungate(lane);
    }
    lanes.finished(lane, records);
  }

  /**
   * Handles a failed entry: drops records of revoked partitions, reports a fatal verdict, and
   * returns the records to retry (with their attempt and last error updated), or {@code null}.
   */
  private List<Pending<R>> fail(
      List<Pending<R>> records, ErrorClassification verdict, String awsMessage, Throwable cause) {
    Lane<R> lane = records.get(0).lane;
    List<Pending<R>> live = new ArrayList<>(records.size());
    List<Pending<R>> dropped = new ArrayList<>();
    for (Pending<R> record : records) {
      if (record.isForgotten()) {
        // Revoked: the partition's next owner delivers it; never retry it here.
        counters.dropped++;
        counters.release(record.sizeBytes);
        dropped.add(record);
      } else {
        live.add(record);
      }
    }
    if (live.isEmpty() && ordered) {
      lanes.ungate(lane);
    }
    lanes.finished(lane, dropped);
    if (live.isEmpty()) {
      return null;
    }
    if (verdict.isFatal()) {
      counters.failed += live.size();
      onFatal.accept(Failures.rejected(lane.destination.name, live, verdict, awsMessage, cause));
      return null;
    }
    String reason = reason(verdict, awsMessage);
    for (Pending<R> record : live) {
      record.attempts++;
      record.lastError = reason;
    }
    counters.retried += live.size();
    if (verdict.isThrottled()) {
      counters.throttled += live.size();
    }
    return live;
  }

  private void park(List<List<Pending<R>>> retries, long now) {
    if (retries.isEmpty()) {
      return;
    }
    int attempts = 0;
    for (List<Pending<R>> records : retries) {
      attempts = Math.max(attempts, records.get(0).attempts);
    }
    long due = now + backoff.delayNanos(attempts);
    for (List<Pending<R>> records : retries) {
      lanes.retryLater(records.get(0).lane, records, due);
    }
  }

  private static String reason(ErrorClassification verdict, String awsMessage) {
    return awsMessage == null || awsMessage.isBlank()
        ? verdict.reason()
        : verdict.reason() + " - " + awsMessage.trim();
  }
}
