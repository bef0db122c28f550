package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;
import io.kinesisbridge.common.sink.BatchSender.SuccessInspector;
import io.kinesisbridge.common.sink.OffsetTracker.PartitionLog;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The pipeline's state and decisions, single-threaded: {@link DeliveryPipeline} calls it under its
 * lock and does the sending, waiting and timers. Kept apart so the rules read without the
 * concurrency around them.
 */
final class PipelineCore<R, E> {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineCore.class);

  /** What the core shares with its helpers. */
  record Parts<R, E>(
      PipelineSettings settings,
      LaneTable<R, E> lanes,
      PipelineStats.Counters counters,
      SuccessInspector<E> inspector) {}

  private final PipelineSettings settings;
  private final boolean countRecordsAsEntries;
  private final long lingerNanos;
  private final long timeoutNanos;
  private final OffsetTracker tracker = new OffsetTracker();
  private final PipelineStats.Counters counters = new PipelineStats.Counters();
  private final LaneTable<R, E> lanes;
  private final OutcomeHandler<R, E> outcomes;
  private final Set<OutgoingRequest<R, E>> inFlight = new HashSet<>();
  private FatalDeliveryFailure fatal;
  private boolean closed;
  private int flushing;

  PipelineCore(
      PipelineSettings settings,
      Packer<R, E> packer,
      SuccessInspector<E> inspector,
      RandomGenerator random) {
    this.settings = settings;
    // Ordered lanes give one entry each per request, so only unordered one-record packing can
    // tell a full request by counting records.
    this.countRecordsAsEntries = !settings.ordered() && packer.packsOneRecordPerEntry();
    this.lingerNanos = settings.linger().toNanos();
    this.timeoutNanos = settings.deliveryTimeout().toNanos();
    this.lanes = new LaneTable<>(settings, packer, this::fail);
    Parts<R, E> parts = new Parts<>(settings, lanes, counters, inspector);
    this.outcomes = new OutcomeHandler<>(parts, settings.backoff(random), this::fail);
  }

  void submitAll(Collection<Submission<R>> submissions, long now) {
    Lane<R> lane = null;
    PartitionLog log = null;
    for (Submission<R> submission : submissions) {
      // Consecutive records mostly share partition and lane: skip the map lookups then.
      if (log == null || !log.topicPartition().equals(submission.topicPartition())) {
        log = tracker.log(submission.topicPartition());
      }
      if (submission.isSkipped()) {
        log.skip(submission.offset());
        counters.skipped++;
        continue;
      }
      if (lane == null
          || submission.orderSlot() != Submission.NO_SLOT
          || !lane.key.equals(submission.lane())
          || !lane.destination.name.equals(submission.destination())) {
        lane = lanes.lane(submission.destination(), submission.lane(), submission.orderSlot());
      }
      lanes.enqueue(new Pending<>(submission, lane, log, counters.submitted, now));
      counters.submitted++;
      counters.bufferedRecords++;
      counters.bufferedBytes += submission.sizeBytes();
    }
  }

  void skip(TopicPartition partition, long offset) {
    tracker.skip(partition, offset);
    counters.skipped++;
  }

  /** The requests to send now; each is counted in flight already. */
  List<OutgoingRequest<R, E>> drain(long now) {
    if (closed || fatal != null) {
      return List.of();
    }
    lanes.releaseDueRetries(now);
    List<OutgoingRequest<R, E>> requests = new ArrayList<>();
    int idle = 0;
    while (fatal == null && idle < lanes.readyDestinationCount()) {
      Destination<R> destination = lanes.pollReadyDestination();
      OutgoingRequest<R, E> request = dueRequest(destination, now);
      lanes.relist(destination);
      if (request == null) {
        idle++;
      } else {
        requests.add(request);
        idle = 0;
      }
    }
    return requests;
  }

  /** When a timer must next look at the pipeline (linger, retry, rate limit), or MAX_VALUE. */
  long nextWakeupNanos(long now) {
    if (closed || fatal != null) {
      return Long.MAX_VALUE;
    }
    long next = lanes.nextRetryNanos();
    for (Destination<R> destination : lanes.readyDestinations()) {
      if (destination.inFlight >= settings.maxInFlightRequests()) {
        continue; // A completion will look again.
      }
      long at;
      if (isDue(destination, now)) {
        at = now + destination.limiter.nanosUntilAvailable(now);
        if (destination.shardsBlocked && destination.shardsBlockedUntilNanos - at > 0) {
          at = destination.shardsBlockedUntilNanos;
        }
      } else {
        at = destination.oldestReadyNanos + lingerNanos;
      }
      next = Math.min(next, at);
    }
    return next;
  }

  void completed(
      OutgoingRequest<R, E> request, List<EntryOutcome> results, Throwable failure, long now) {
    if (closed || !inFlight.remove(request)) {
      return;
    }
    counters.inFlight--;
    request.destination.inFlight--;
    counters.lastLatencyNanos = now - request.sentNanos;
    outcomes.apply(request, results, failure, now);
  }

  /** Fails the pipeline if a record has waited longer than the delivery timeout. */
  void checkTimeouts(long now) {
    if (closed || fatal != null) {
      return;
    }
    long cutoff = now - timeoutNanos;
    long oldest = lanes.oldestWaitingNanos();
    for (OutgoingRequest<R, E> request : inFlight) {
      oldest = Math.min(oldest, request.oldestSubmitNanos);
    }
    if (oldest == Long.MAX_VALUE || oldest - cutoff > 0) {
      return;
    }
    List<Pending<R>> expired = new ArrayList<>();
    lanes.forEachWaiting(record -> collectExpired(record, cutoff, expired));
    for (OutgoingRequest<R, E> request : inFlight) {
      request.records.forEach(record -> collectExpired(record, cutoff, expired));
    }
    if (expired.isEmpty()) {
      return;
    }
    Pending<R> first = expired.get(0);
    for (Pending<R> record : expired) {
      first = record.submitNanos - first.submitNanos < 0 ? record : first;
    }
    counters.failed += expired.size();
    fail(FatalDeliveryFailure.timedOut(expired, first, settings.deliveryTimeout()));
  }

  void forget(Collection<TopicPartition> partitions) {
    Set<TopicPartition> revoked = new HashSet<>(partitions);
    tracker.forget(revoked);
    lanes.removeIf(record -> revoked.contains(record.topicPartition), this::drop);
  }

  void close() {
    closed = true;
    lanes.clear(this::drop);
    for (OutgoingRequest<R, E> request : inFlight) {
      request.records.forEach(this::drop);
    }
    inFlight.clear();
    counters.inFlight = 0;
  }

  /** Remembers the first fatal failure; the pipeline sends nothing from then on. */
  void fail(FatalDeliveryFailure failure) {
    if (fatal == null) {
      fatal = failure;
      LOG.error("Delivery pipeline '{}' stopped: {}", settings.name(), failure.message());
    }
  }

  FatalDeliveryFailure fatal() {
    return fatal;
  }

  boolean isClosed() {
    return closed;
  }

  /** Whether nothing more will happen that a flush waits for. */
  boolean isSettled() {
    return counters.bufferedRecords == 0 || fatal != null || closed;
  }

  /** Whether every submitted record was acknowledged (or skipped or dropped). */
  boolean isDrained() {
    return counters.bufferedRecords == 0 && fatal == null && !closed;
  }

  void flushing(boolean starting) {
    flushing += starting ? 1 : -1;
  }

  OffsetTracker tracker() {
    return tracker;
  }

  long bufferedBytes() {
    return counters.bufferedBytes;
  }

  /**
   * What the buffer bound limits: the unacknowledged records' bytes plus the offset tracking of
   * every record from the lowest unacknowledged one on, which one slow key can make grow while the
   * others are acknowledged.
   */
  long heldBytes() {
    return counters.bufferedBytes
        + tracker.trackedRecords() * OffsetTracker.BYTES_PER_TRACKED_RECORD;
  }

  int laneCount() {
    return lanes.laneCount();
  }

  PipelineStats stats() {
    double rate = Double.MAX_VALUE;
    for (Destination<R> destination : lanes.destinations()) {
      rate = Math.min(rate, destination.lowestRate());
    }
    return counters.snapshot(rate == Double.MAX_VALUE ? 0 : rate);
  }

  private OutgoingRequest<R, E> dueRequest(Destination<R> destination, long now) {
    if (destination.ready.isEmpty()
        || destination.inFlight >= settings.maxInFlightRequests()
        || !isDue(destination, now)) {
      return null;
    }
    long permits = destination.limiter.availablePermits(now);
    if (permits < 1) {
      return null;
    }
    int maxEntries = (int) Math.min(settings.maxEntriesPerRequest(), permits);
    OutgoingRequest<R, E> request = lanes.build(destination, maxEntries, now);
    if (request == null || request.isEmpty()) {
      return null;
    }
    destination.limiter.consume(request.entryCount(), now);
    destination.inFlight++;
    inFlight.add(request);
    counters.inFlight++;
    counters.requests++;
    counters.entries += request.entryCount();
    return request;
  }

  /** Whether a request should go now: it would be full, its oldest record waited out, or flush. */
  private boolean isDue(Destination<R> destination, long now) {
    if (flushing > 0) {
      return true;
    }
    long entries = countRecordsAsEntries ? destination.readyRecords : destination.ready.size();
    return entries >= settings.maxEntriesPerRequest()
        || destination.readyBytes >= settings.maxRequestBytes()
        || now - destination.oldestReadyNanos >= lingerNanos;
  }

  private static <R> void collectExpired(Pending<R> record, long cutoff, List<Pending<R>> out) {
    if (!record.isForgotten() && record.submitNanos - cutoff <= 0) {
      out.add(record);
    }
  }

  private void drop(Pending<R> record) {
    counters.dropped++;
    counters.release(record.sizeBytes);
  }
}
