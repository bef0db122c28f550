package io.kinesisbridge.common.sink;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The pipeline's one pending wakeup (linger end, retry due, rate limit refilled): at most one timer
 * is scheduled, always for the earliest moment anything becomes due, so timers never pile up.
 * {@link #ensureBy} and {@link #cancel} are called with the pipeline's lock held.
 */
final class WakeupTimer {

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
