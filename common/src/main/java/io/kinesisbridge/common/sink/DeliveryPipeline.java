package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;
import io.kinesisbridge.common.sink.BatchSender.SuccessInspector;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Delivers a sink task's records to AWS in batched requests and tells the task which offsets it may
 * commit. One per task; see the package documentation for the parts.
 *
 * <p>Threads: the task thread calls {@code submit}, {@code skip}, {@code committable}, {@code
 * forget}, {@code flush} and {@code close}; request completions arrive on the sender's threads;
 * linger, backoff and timeout timers run on the {@link PipelineScheduler}. One lock guards all
 * state and is held only for bookkeeping, never across a {@link BatchSender#send} call or a wait.
 * Requests are sent by whichever thread finds work due, one thread at a time, so a sender that
 * completes inline never recurses.
 *
 * @param <R> the sink's record
 * @param <E> one wire entry
 */
public final class DeliveryPipeline<R, E> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryPipeline.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition settled = lock.newCondition();
  private final PipelineSettings settings;
  private final PipelineCore<R, E> core;
  private final BatchSender<E> sender;
  private final PipelineScheduler scheduler;
  private final long timeoutCheckNanos;
  private final WakeupTimer wakeup;
  private boolean pumping;

  DeliveryPipeline(Builder<R, E> builder) {
    this.settings = builder.settings();
    this.sender = builder.sender();
    this.scheduler = builder.scheduler();
    this.core =
        new PipelineCore<>(settings, builder.packer(), builder.inspector(), builder.random());
    this.wakeup = new WakeupTimer(scheduler, lock, this::pump);
    long timeout = settings.deliveryTimeout().toNanos();
    // Timeouts are found within a twentieth of the timeout, but not more often than every 10 ms.
    this.timeoutCheckNanos =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), timeout / 20));
    scheduleTimeoutCheck();
  }

  /**
   * Starts a builder.
   *
   * @param packer turns runs of records of one lane into wire entries
   * @param sender sends one request
   */
  public static <R, E> Builder<R, E> builder(Packer<R, E> packer, BatchSender<E> sender) {
    return new Builder<>(packer, sender);
  }

  /** {@link #submitAll} of one record. */
  public void submit(Submission<R> submission) {
    submitAll(List.of(submission));
  }

  /**
   * Takes records for delivery and returns without waiting on the network; sends the requests that
   * became due. One lock acquisition for the whole collection, so hand over a whole {@code put}.
   *
   * @throws IllegalArgumentException when a record is larger than a request may be (nothing of the
   *     collection is taken then): check sizes first and send such records to the DLQ
   * @throws IllegalStateException after {@link #close()} or a fatal failure; check {@link
   *     #fatalFailure()} first
   */
  public void submitAll(Collection<Submission<R>> submissions) {
    for (Submission<R> submission : submissions) {
      if (submission.sizeBytes() > settings.maxRequestBytes()) {
        throw FatalDeliveryFailure.tooLarge(submission, settings.maxRequestBytes());
      }
    }
    lock.lock();
    try {
      ensureAccepting();
      core.submitAll(submissions, scheduler.nanoTime());
    } finally {
      lock.unlock();
    }
    pump();
  }

  /**
   * Acknowledges a record the task handled without sending it (a null value skipped, a record sent
   * to the dead letter queue), so its offset can be committed once the records before it are.
   */
  public void skip(TopicPartition partition, long offset) {
    lock.lock();
    try {
      core.skip(partition, offset);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The offsets the task may return from {@code preCommit}: per partition with progress, the offset
   * of the next record to consume such that every record below it was acknowledged or skipped. See
   * {@link OffsetTracker#committable()}.
   */
  public Map<TopicPartition, Long> committable() {
    lock.lock();
    try {
      return core.tracker().committable();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops revoked partitions: their waiting records are discarded unacknowledged (the partition's
   * next owner delivers them), their offsets are no longer reported, and the outcomes of their
   * records still in flight no longer count.
   */
  public void forget(Collection<TopicPartition> partitions) {
    lock.lock();
    try {
      core.forget(partitions);
      signalIfSettled();
    } finally {
      lock.unlock();
    }
    pump();
  }

  /**
   * Sends everything waiting now, ignoring linger (not backoff, in-flight or rate limits), and
   * waits until every record submitted so far is acknowledged, a fatal failure stops the pipeline,
   * or {@code timeout} passes. Never throws on timeout.
   *
   * @return whether every submitted record was acknowledged
   */
  public boolean flush(Duration timeout) {
    long start = System.nanoTime();
    long timeoutNanos = saturatedNanos(timeout);
    lock.lock();
    try {
      if (core.isClosed()) {
        return false;
      }
      core.flushing(true);
    } finally {
      lock.unlock();
    }
    try {
      pump();
      return awaitSettled(start, timeoutNanos);
    } finally {
      lock.lock();
      try {
        core.flushing(false);
      } finally {
        lock.unlock();
      }
    }
  }

  /** The failure that stopped the pipeline, if one did; the task rethrows it. */
  public Optional<FatalDeliveryFailure> fatalFailure() {
    lock.lock();
    try {
      return Optional.ofNullable(core.fatal());
    } finally {
      lock.unlock();
    }
  }

  /** Bytes of the records submitted and not yet acknowledged or dropped. */
  public long bufferedBytes() {
    lock.lock();
    try {
      return core.bufferedBytes();
    } finally {
      lock.unlock();
    }
  }

  /** How many lanes exist now: bounded however many keys pass through (for tests). */
  int laneCount() {
    lock.lock();
    try {
      return core.laneCount();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Bytes the buffer bound limits: the unacknowledged records' bytes plus {@link
   * OffsetTracker#BYTES_PER_TRACKED_RECORD} per record tracked for offsets.
   */
  public long heldBytes() {
    lock.lock();
    try {
      return core.heldBytes();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the held bytes reached the high watermark: the task should pause its partitions. */
  public boolean isAboveHighWatermark() {
    return heldBytes() >= settings.bufferHighWatermarkBytes();
  }

  /** Whether the held bytes fell to the low watermark: a paused task may resume its partitions. */
  public boolean isBelowLowWatermark() {
    return heldBytes() <= settings.bufferLowWatermarkBytes();
  }

  /** The counters now. */
  public PipelineStats stats() {
    lock.lock();
    try {
      return core.stats();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops sending and stops the timers; waiting records are dropped unacknowledged and the outcomes
   * of requests still in flight are ignored. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (core.isClosed()) {
        return;
      }
      core.close();
      wakeup.cancel();
      settled.signalAll();
    } finally {
      lock.unlock();
    }
    scheduler.shutdown();
  }

  private void ensureAccepting() {
    if (core.isClosed()) {
      throw new IllegalStateException("The delivery pipeline '" + settings.name() + "' is closed");
    }
    if (core.fatal() != null) {
      throw new IllegalStateException(
          "The delivery pipeline '" + settings.name() + "' stopped: " + core.fatal().message());
    }
  }

  /**
   * Sends whatever is due, until nothing is. Only one thread pumps at a time; another thread that
   * finds a pump running leaves, because the running one drains again after each round of sends.
   */
  private void pump() {
    List<OutgoingRequest<R, E>> batch;
    lock.lock();
    try {
      if (pumping) {
        return;
      }
      batch = drainLocked();
      if (batch.isEmpty()) {
        return;
      }
      pumping = true;
    } finally {
      lock.unlock();
    }
    boolean finished = false;
    try {
      while (!finished) {
        batch.forEach(this::send);
        lock.lock();
        try {
          batch = drainLocked();
          finished = batch.isEmpty();
          pumping = !finished;
        } finally {
          lock.unlock();
        }
      }
    } finally {
      if (!finished) {
        releasePump();
      }
    }
  }

  private void releasePump() {
    lock.lock();
    try {
      pumping = false;
    } finally {
      lock.unlock();
    }
  }

  private List<OutgoingRequest<R, E>> drainLocked() {
    long now = scheduler.nanoTime();
    List<OutgoingRequest<R, E>> batch = core.drain(now);
    wakeup.ensureBy(core.nextWakeupNanos(now), now);
    signalIfSettled();
    return batch;
  }

  private void send(OutgoingRequest<R, E> request) {
    CompletableFuture<List<EntryOutcome>> future;
    try {
      future = sender.send(request.destination.name, Collections.unmodifiableList(request.entries));
      if (future == null) {
        future =
            CompletableFuture.failedFuture(new IllegalStateException("the sender gave no future"));
      }
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    future.whenComplete((outcomes, failure) -> complete(request, outcomes, failure));
  }

  private void complete(
      OutgoingRequest<R, E> request, List<EntryOutcome> outcomes, Throwable failure) {
    lock.lock();
    try {
      core.completed(request, outcomes, failure, scheduler.nanoTime());
    } catch (RuntimeException e) {
      // Better a stopped task with a reason than records silently stuck.
      LOG.error("Delivery pipeline '{}' failed to apply an outcome", settings.name(), e);
      core.fail(FatalDeliveryFailure.internalError(e));
    } finally {
      signalIfSettled();
      lock.unlock();
    }
    pump();
  }

  private boolean awaitSettled(long start, long timeoutNanos) {
    lock.lock();
    try {
      while (!core.isSettled()) {
        long left = timeoutNanos - (System.nanoTime() - start);
        if (left <= 0) {
          return false;
        }
        settled.awaitNanos(left);
      }
      return core.isDrained();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void signalIfSettled() {
    if (core.isSettled()) {
      settled.signalAll();
    }
  }

  private void scheduleTimeoutCheck() {
    scheduler.schedule(this::checkTimeouts, timeoutCheckNanos);
  }

  private void checkTimeouts() {
    lock.lock();
    try {
      if (core.isClosed() || core.fatal() != null) {
        return;
      }
      core.checkTimeouts(scheduler.nanoTime());
      signalIfSettled();
      if (core.fatal() != null) {
        return;
      }
    } finally {
      lock.unlock();
    }
    scheduleTimeoutCheck();
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return Math.max(0, duration.toNanos());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * The pipeline's one pending wakeup (linger end, retry due, rate limit refilled): at most one
   * timer is scheduled, always for the earliest moment anything becomes due, so timers never pile
   * up. {@link #ensureBy} and {@link #cancel} are called with the pipeline's lock held.
   */
  private static final class WakeupTimer {

    private final PipelineScheduler scheduler;
    private final ReentrantLock lock;
    private final Runnable onWakeup;
    private long atNanos = Long.MAX_VALUE;
    private long generation;
    private PipelineScheduler.Cancellable pending;

    /**
     * @param onWakeup runs on the scheduler's thread without the lock held
     */
    WakeupTimer(PipelineScheduler scheduler, ReentrantLock lock, Runnable onWakeup) {
      this.scheduler = scheduler;
      this.lock = lock;
      this.onWakeup = onWakeup;
    }

    /** Makes sure a wakeup happens by {@code at}; an earlier one already scheduled is kept. */
    void ensureBy(long at, long now) {
      if (at == Long.MAX_VALUE || (pending != null && at - atNanos >= 0)) {
        return;
      }
      cancel();
      long id = ++generation;
      atNanos = at;
      pending = scheduler.schedule(() -> fire(id), Math.max(0, at - now));
    }

    void cancel() {
      if (pending != null) {
        pending.cancel();
        pending = null;
      }
      atNanos = Long.MAX_VALUE;
    }

    private void fire(long id) {
      lock.lock();
      try {
        // A superseded timer that fired anyway must not clear its successor.
        if (id == generation) {
          pending = null;
          atNanos = Long.MAX_VALUE;
        }
      } finally {
        lock.unlock();
      }
      onWakeup.run();
    }
  }

  /**
   * Wires a {@link DeliveryPipeline}: made by {@link DeliveryPipeline#builder}, which takes the two
   * required ports; everything else has a default.
   *
   * @param <R> the sink's record
   * @param <E> one wire entry
   */
  public static final class Builder<R, E> {
    private final Packer<R, E> packer;
    private final BatchSender<E> sender;
    private PipelineSettings settings = PipelineSettings.builder().build();
    private SuccessInspector<E> inspector = SuccessInspector.acceptAll();
    private PipelineScheduler scheduler;
    private RandomGenerator random = new Random();

    Builder(Packer<R, E> packer, BatchSender<E> sender) {
      this.packer = Objects.requireNonNull(packer, "packer");
      this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** Batching, ordering, retry and buffer settings; default {@code builder().build()}. */
    public Builder<R, E> settings(PipelineSettings value) {
      this.settings = Objects.requireNonNull(value, "settings");
      return this;
    }

    /** A second look at successes; default: accept all. */
    public Builder<R, E> successInspector(SuccessInspector<E> value) {
      this.inspector = Objects.requireNonNull(value, "successInspector");
      return this;
    }

    /**
     * Time and timers; default {@link PipelineScheduler#singleThread} named after the settings. The
     * pipeline owns it and shuts it down on {@link DeliveryPipeline#close()}.
     */
    public Builder<R, E> scheduler(PipelineScheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /** The source of backoff jitter; default a new {@link Random}. */
    public Builder<R, E> random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /** The pipeline, with its timers started. */
    public DeliveryPipeline<R, E> build() {
      return new DeliveryPipeline<>(this);
    }

    PipelineSettings settings() {
      return settings;
    }

    Packer<R, E> packer() {
      return packer;
    }

    BatchSender<E> sender() {
      return sender;
    }

    SuccessInspector<E> inspector() {
      return inspector;
    }

    PipelineScheduler scheduler() {
      return scheduler != null ? scheduler : PipelineScheduler.singleThread(settings.name());
    }

    RandomGenerator random() {
      return random;
    }
  }
}
