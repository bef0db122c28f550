package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.sink.Packer.PackBudget;
import io.kinesisbridge.common.sink.Packer.Packed;

import java.util.List;
import java.util.function.Consumer;

/**
 * Builds one request from a destination's ready lanes, visiting each lane at most once, in
 * round-robin order, and asking the {@link Packer} for entries within what is left of the request's
 * entry and byte limits. Guarded by the pipeline's lock.
 */
final class RequestAssembler<R, E> {

  private final Packer<R, E> packer;
  private final LaneTable<R> lanes;
  private final boolean ordered;
  private final long maxRequestBytes;
  private final Consumer<FatalDeliveryFailure> onFatal;

  RequestAssembler(
      Packer<R, E> packer,
      LaneTable<R> lanes,
      PipelineSettings settings,
      Consumer<FatalDeliveryFailure> onFatal) {
    this.packer = packer;
    this.lanes = lanes;
    this.ordered = settings.ordered();
    this.maxRequestBytes = settings.maxRequestBytes();
    this.onFatal = onFatal;
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
      lanes.packed(lane);
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
          request.addRecord(lanes.take(lane));
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
}
