package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;
import io.kinesisbridge.common.sink.BatchSender.SuccessInspector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies the {@link Verdicts} on the answer to a request: acknowledges the records of successful
 * entries exactly once, parks the records of retriable failures for a backoff, reports fatal ones,
 * and feeds throttling and success to the stream's and the shards' rate limiters. Guarded by the
 * pipeline's lock.
 */
final class OutcomeHandler<R, E> {

  private final LaneTable<R, E> lanes;
  private final PipelineStats.Counters counters;
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
    List<Object> shards = new ArrayList<>(request.entryCount());
    for (int i = 0; i < request.entryCount(); i++) {
      shards.add(request.recordsOf(i).get(0).shard);
    }
    Verdicts.Judgement judgement =
        Verdicts.judge(request.entries, shards, outcomes, failure, inspector);
    if (!judgement.answered()) {
      counters.failed += request.records.size();
      onFatal.accept(
          FatalDeliveryFailure.senderBroke(
              destination.name, outcomes == null ? 0 : outcomes.size(), request.entryCount()));
      return;
    }
    List<List<Pending<R>>> retries = new ArrayList<>();
    for (int i = 0; i < request.entryCount(); i++) {
      Verdicts.Entry verdict = judgement.entries().get(i);
      if (verdict.action() == Verdicts.Action.ACKNOWLEDGE) {
        acknowledge(request.recordsOf(i));
        continue;
      }
      List<Pending<R>> retry = fail(request.recordsOf(i), verdict, failure);
      if (retry != null) {
        retries.add(retry);
      }
    }
    park(retries, now);
    judgement
        .shardsThrottled()
        .forEach((shard, throttled) -> feed(destination.shardLimiter(shard), throttled, now));
    if (judgement.streamThrottled()) {
      destination.limiter.onThrottle(now);
    } else if (judgement.streamSucceeded()) {
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
  private List<Pending<R>> fail(List<Pending<R>> records, Verdicts.Entry verdict, Throwable cause) {
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
    if (verdict.action() == Verdicts.Action.FAIL) {
      counters.failed += live.size();
      onFatal.accept(
          FatalDeliveryFailure.rejected(
              lane.destination.name, live, verdict.classification(), verdict.awsMessage(), cause));
      return null;
    }
    String reason = verdict.reason();
    for (Pending<R> record : live) {
      record.attempts++;
      record.lastError = reason;
    }
    counters.retried += live.size();
    if (verdict.classification().isThrottled()) {
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
}
