package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.sink.Packer.PackBudget;
import io.kinesisbridge.common.sink.Packer.Packed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one owner of lanes, destinations, retries and request building: where waiting records live
 * (per destination, per lane, in order, plus those waiting for a retry), and how requests are built
 * from them. Keeps the ready queues (lanes that may send now, destinations that have such lanes)
 * and their record and byte counts up to date in O(1) per record, so deciding whether a request is
 * due never scans. Guarded by the pipeline's lock.
 */
final class LaneTable<R, E> {

  private final boolean ordered;
  private final Supplier<AimdRateLimiter> limiters;
  private final Packer<R, E> packer;
  private final long maxRequestBytes;
  private final Consumer<FatalDeliveryFailure> onFatal;
  private final Map<String, Destination<R>> destinations = new HashMap<>();
  private final ArrayDeque<Destination<R>> readyDestinations = new ArrayDeque<>();
  private final PriorityQueue<RetryGroup<R>> retries =
      new PriorityQueue<>(
          Comparator.comparingLong((RetryGroup<R> group) -> group.dueNanos())
              .thenComparingLong(RetryGroup::sequence));

  LaneTable(
      PipelineSettings settings, Packer<R, E> packer, Consumer<FatalDeliveryFailure> onFatal) {
    this.ordered = settings.ordered();
    this.limiters = settings::newRateLimiter;
    this.packer = packer;
    this.maxRequestBytes = settings.maxRequestBytes();
    this.onFatal = onFatal;
  }

  /**
   * The lane {@code key} of {@code destination}, created on first use; but when ordered and the
   * order slot still has records in another lane, that lane: a record never overtakes an older one
   * of its slot, whatever lane a new shard map gives it.
   */
  Lane<R> lane(String destination, Object key, int slot) {
    Destination<R> target = destinations.get(destination);
    if (target == null) {
      target = new Destination<>(destination, limiters);
      destinations.put(destination, target);
    }
    if (ordered && slot != Submission.NO_SLOT) {
      Lane<R> holder = target.slotHolder(slot);
      if (holder != null) {
        return holder;
      }
    }
    Lane<R> lane = target.lanes.get(key);
    if (lane == null) {
      lane = new Lane<>(key, target);
      target.lanes.put(key, lane);
    }
    return lane;
  }

  /** Appends a newly submitted record to its lane. */
  void enqueue(Pending<R> record) {
    Lane<R> lane = record.lane;
    if (ordered && record.slot != Submission.NO_SLOT) {
      lane.destination.holdSlot(record.slot, lane);
    }
    lane.queue.addLast(record);
    lane.queuedBytes += record.sizeBytes;
    lane.outstanding++;
    if (lane.ready) {
      lane.destination.readyRecords++;
      lane.destination.readyBytes += record.sizeBytes;
    } else if (!lane.gated) {
      makeReady(lane);
    }
  }

  /** Takes the first record of a lane for a request. */
  Pending<R> take(Lane<R> lane) {
    Pending<R> record = lane.queue.pollFirst();
    lane.queuedBytes -= record.sizeBytes;
    if (lane.ready) {
      lane.destination.readyRecords--;
      lane.destination.readyBytes -= record.sizeBytes;
    }
    return record;
  }

  /**
   * After records of a ready lane, already removed from the head of its destination's ready queue,
   * went into a request: ordered lanes close their gate, others go to the back of the queue.
   */
  void packed(Lane<R> lane) {
    if (ordered) {
      lane.gated = true;
      leaveReady(lane);
    } else if (lane.queue.isEmpty()) {
      leaveReady(lane);
    } else {
      lane.destination.ready.addLast(lane);
    }
  }

  /** Ordered mode: the lane's entry is settled, so the lane may send again. */
  void ungate(Lane<R> lane) {
    if (lane.gated) {
      lane.gated = false;
      if (!lane.ready && !lane.queue.isEmpty()) {
        makeReady(lane);
      }
    }
  }

  /** Records of {@code lane} left the pipeline; a lane that holds nothing any more is dropped. */
  void finished(Lane<R> lane, List<Pending<R>> records) {
    for (Pending<R> record : records) {
      release(record);
    }
    if (lane.outstanding == 0 && !lane.gated) {
      lane.destination.lanes.remove(lane.key, lane);
    }
  }

  /** Parks failed records until {@code dueNanos}; an ordered lane stays gated meanwhile. */
  void retryLater(Lane<R> lane, List<Pending<R>> records, long dueNanos) {
    retries.add(new RetryGroup<>(lane, records, dueNanos));
  }

  /**
   * Puts the records whose backoff has ended back at the front of their lanes. Records of one lane
   * released together go back in submit order, so a failed call's entries keep their order.
   */
  void releaseDueRetries(long nowNanos) {
    if (retries.isEmpty() || retries.peek().dueNanos() - nowNanos > 0) {
      return;
    }
    Map<Lane<R>, List<Pending<R>>> released = new LinkedHashMap<>();
    while (!retries.isEmpty() && retries.peek().dueNanos() - nowNanos <= 0) {
      RetryGroup<R> group = retries.poll();
      released.computeIfAbsent(group.lane(), lane -> new ArrayList<>()).addAll(group.records());
    }
    released.forEach(this::putBack);
  }

  private void putBack(Lane<R> lane, List<Pending<R>> records) {
    if (records.size() > 1) {
      records.sort(Comparator.comparingLong(record -> record.sequence));
    }
    long bytes = 0;
    for (Pending<R> record : records) {
      bytes += record.sizeBytes;
    }
    lane.queue.addAllFirst(records);
    lane.queuedBytes += bytes;
    lane.gated = false;
    if (lane.ready) {
      Destination<R> destination = lane.destination;
      destination.readyRecords += records.size();
      destination.readyBytes += bytes;
      destination.oldestReadyNanos =
          Math.min(destination.oldestReadyNanos, records.get(0).submitNanos);
    } else {
      makeReady(lane);
    }
  }

  /** When the next retry is due, or {@link Long#MAX_VALUE}. */
  long nextRetryNanos() {
    return retries.isEmpty() ? Long.MAX_VALUE : retries.peek().dueNanos();
  }

  int readyDestinationCount() {
    return readyDestinations.size();
  }

  Destination<R> pollReadyDestination() {
    return readyDestinations.pollFirst();
  }

  /** Puts a destination polled from the ready queue back at its end, if it still has work. */
  void relist(Destination<R> destination) {
    if (destination.ready.isEmpty()) {
      destination.listed = false;
    } else {
      readyDestinations.addLast(destination);
    }
  }

  Collection<Destination<R>> readyDestinations() {
    return readyDestinations;
  }

  Collection<Destination<R>> destinations() {
    return destinations.values();
  }

  /** The submit time of the oldest waiting record (queued or parked), or MAX_VALUE. */
  long oldestWaitingNanos() {
    long oldest = Long.MAX_VALUE;
    for (Destination<R> destination : destinations.values()) {
      for (Lane<R> lane : destination.lanes.values()) {
        Pending<R> head = lane.queue.peekFirst();
        if (head != null) {
          oldest = Math.min(oldest, head.submitNanos);
        }
      }
    }
    for (RetryGroup<R> group : retries) {
      oldest = Math.min(oldest, group.records().get(0).submitNanos);
    }
    return oldest;
  }

  /** Visits every waiting record, queued or parked. */
  void forEachWaiting(Consumer<? super Pending<R>> action) {
    for (Destination<R> destination : destinations.values()) {
      for (Lane<R> lane : destination.lanes.values()) {
        lane.queue.forEach(action);
      }
    }
    for (RetryGroup<R> group : retries) {
      group.records().forEach(action);
    }
  }

  /**
   * Removes the waiting records that match {@code filter} (revoked partitions), then rebuilds the
   * ready queues: rare, so simple beats incremental here.
   */
  void removeIf(Predicate<? super Pending<R>> filter, Consumer<? super Pending<R>> removed) {
    Consumer<Pending<R>> drop =
        record -> {
          release(record);
          removed.accept(record);
        };
    for (Destination<R> destination : destinations.values()) {
      for (Lane<R> lane : destination.lanes.values()) {
        lane.queue.removeIf(filter, drop);
        lane.queuedBytes = 0;
        lane.queue.forEach(record -> lane.queuedBytes += record.sizeBytes);
      }
    }
    List<RetryGroup<R>> groups = new ArrayList<>(retries);
    retries.clear();
    for (RetryGroup<R> group : groups) {
      List<Pending<R>> kept = new ArrayList<>();
      for (Pending<R> record : group.records()) {
        if (filter.test(record)) {
          drop.accept(record);
        } else {
          kept.add(record);
        }
      }
      if (kept.isEmpty()) {
        group.lane().gated = false;
      } else {
        retries.add(new RetryGroup<>(group.lane(), kept, group.dueNanos()));
      }
    }
    rebuildReady();
  }

  /** How many lanes exist now, over all destinations. */
  int laneCount() {
    int count = 0;
    for (Destination<R> destination : destinations.values()) {
      count += destination.lanes.size();
    }
    return count;
  }

  /** Forgets everything (close). */
  void clear(Consumer<? super Pending<R>> removed) {
    forEachWaiting(removed);
    destinations.clear();
    readyDestinations.clear();
    retries.clear();
  }

  private void release(Pending<R> record) {
    record.lane.outstanding--;
    if (ordered && record.slot != Submission.NO_SLOT) {
      record.lane.destination.releaseSlot(record.slot);
    }
  }

  private void rebuildReady() {
    readyDestinations.clear();
    for (Destination<R> destination : destinations.values()) {
      destination.ready.clear();
      destination.readyRecords = 0;
      destination.readyBytes = 0;
      destination.oldestReadyNanos = Long.MAX_VALUE;
      destination.listed = false;
      Iterator<Lane<R>> lanes = destination.lanes.values().iterator();
      while (lanes.hasNext()) {
        Lane<R> lane = lanes.next();
        lane.ready = false;
        if (lane.outstanding == 0 && !lane.gated) {
          lanes.remove();
        } else if (!lane.gated && !lane.queue.isEmpty()) {
          makeReady(lane);
        }
      }
    }
  }

  private void makeReady(Lane<R> lane) {
    Destination<R> destination = lane.destination;
    lane.ready = true;
    destination.ready.addLast(lane);
    destination.readyRecords += lane.queue.size();
    destination.readyBytes += lane.queuedBytes;
    destination.oldestReadyNanos =
        Math.min(destination.oldestReadyNanos, lane.queue.peekFirst().submitNanos);
    if (!destination.listed) {
      destination.listed = true;
      readyDestinations.addLast(destination);
    }
  }

  private void leaveReady(Lane<R> lane) {
    lane.ready = false;
    lane.destination.readyRecords -= lane.queue.size();
    lane.destination.readyBytes -= lane.queuedBytes;
  }

  /**
   * A request of at most {@code maxEntries} entries, or {@code null} after reporting a fatal
   * failure (a record that fits in no request, a packer that broke its contract).
   */
  OutgoingRequest<R, E> build(Destination<R> destination, int maxEntries, long nowNanos) {
    OutgoingRequest<R, E> request = new OutgoingRequest<>(destination, maxEntries, nowNanos);
    destination.shardsBlocked = false;
    int visits = destination.ready.size();
    while (visits-- > 0 && hasRoom(request, maxEntries)) {
      Lane<R> lane = destination.ready.peekFirst();
      AimdRateLimiter shard = destination.shardLimiter(lane.queue.peekFirst().shard);
      long shardPermits = shard == null ? Long.MAX_VALUE : shard.availablePermits(nowNanos);
      if (shardPermits < 1) {
        // Its shard's rate is spent: the lane waits at the back, the other shards go on.
        blocked(destination, shard, nowNanos);
        destination.ready.addLast(destination.ready.pollFirst());
        continue;
      }
      int entriesBefore = request.entryCount();
      int room = (int) Math.min(maxEntries, entriesBefore + Math.min(shardPermits, maxEntries));
      int taken = packLane(lane, request, room);
      if (shard != null) {
        shard.consume(request.entryCount() - entriesBefore, nowNanos);
      }
      if (taken < 0) {
        return null;
      }
      if (taken == 0) {
        if (request.isEmpty()) {
          onFatal.accept(
              FatalDeliveryFailure.unfit(
                  lane.queue.peekFirst(), destination.name, maxRequestBytes));
          return null;
        }
        // The lane's next record needs a fresh request: it leads the next one.
        break;
      }
      destination.ready.pollFirst();
      packed(lane);
    }
    destination.recomputeOldestReady();
    return request;
  }

  private static <R> void blocked(Destination<R> destination, AimdRateLimiter shard, long now) {
    long until = now + shard.nanosUntilAvailable(now);
    if (!destination.shardsBlocked || until - destination.shardsBlockedUntilNanos < 0) {
      destination.shardsBlockedUntilNanos = until;
    }
    destination.shardsBlocked = true;
  }

  /**
   * Packs from one lane while the packer makes progress and the request has room (one entry only
   * when ordered). Returns the records taken, or -1 after reporting a fatal failure.
   */
  private int packLane(Lane<R> lane, OutgoingRequest<R, E> request, int maxEntries) {
    int taken = 0;
    do {
      PackBudget budget =
          new PackBudget(
              maxEntries - request.entryCount(), maxRequestBytes - request.wireBytes, ordered);
      List<Packed<E>> packed = pack(lane, budget);
      if (packed == null) {
        return -1;
      }
      if (packed.isEmpty()) {
        break;
      }
      for (Packed<E> entry : packed) {
        for (int i = 0; i < entry.recordCount(); i++) {
          request.addRecord(take(lane));
        }
        request.endEntry(entry.entry(), entry.wireBytes());
        taken += entry.recordCount();
      }
    } while (!ordered && !lane.queue.isEmpty() && hasRoom(request, maxEntries));
    return taken;
  }

  private boolean hasRoom(OutgoingRequest<R, E> request, int maxEntries) {
    return request.entryCount() < maxEntries && request.wireBytes < maxRequestBytes;
  }

  private List<Packed<E>> pack(Lane<R> lane, PackBudget budget) {
    List<Packed<E>> packed;
    try {
      packed = packer.pack(lane.queue.payloads(), budget);
    } catch (RuntimeException e) {
      onFatal.accept(
          FatalDeliveryFailure.packerFailed(lane.queue.peekFirst(), lane.destination.name, e));
      return null;
    }
    String problem = contractProblem(packed, budget, lane.queue.size());
    if (problem != null) {
      onFatal.accept(
          FatalDeliveryFailure.packerBroke(lane.queue.peekFirst(), lane.destination.name, problem));
      return null;
    }
    return packed;
  }

  /** Why {@code packed} breaks the {@link Packer} contract, or {@code null} when it keeps it. */
  private static <E> String contractProblem(List<Packed<E>> packed, PackBudget budget, int run) {
    if (packed == null) {
      return "it returned null instead of a list";
    }
    if (packed.size() > budget.entryLimit()) {
      return packed.size() + " entries for a budget of " + budget.entryLimit();
    }
    long records = 0;
    long bytes = 0;
    for (Packed<E> entry : packed) {
      records += entry.recordCount();
      bytes += entry.wireBytes();
    }
    if (records > run) {
      return "entries covering " + records + " records of a run of " + run;
    }
    if (bytes > budget.maxBytes()) {
      return bytes + " bytes for a budget of " + budget.maxBytes();
    }
    return null;
  }

  /**
   * The records of one failed entry, waiting for their backoff to end before they go back to the
   * front of their lane.
   */
  private record RetryGroup<R>(Lane<R> lane, List<Pending<R>> records, long dueNanos) {

    /** The submit order of its first record: ties of {@link #dueNanos} release in this order. */
    long sequence() {
      return records.get(0).sequence;
    }
  }
}
