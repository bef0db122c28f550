package io.kinesisbridge.common.sink;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A {@link PipelineScheduler} whose time moves only when a test says so. */
final class ManualScheduler implements PipelineScheduler {

  private record Task(long dueNanos, long sequence, Runnable action) {}

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(
          Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::sequence));
  private long now = 1_000_000_000L;
  private long sequence;
  private boolean shutdown;

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Runnable action, long delayNanos) {
    if (shutdown) {
      return () -> {};
    }
    Task task = new Task(now + Math.max(0, delayNanos), sequence++, action);
    tasks.add(task);
    return () -> remove(task);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
    tasks.clear();
  }

  synchronized boolean isShutdown() {
    return shutdown;
  }

  /** Moves time forward, running every task that falls due on the way, in order. */
  void advance(Duration duration) {
    long target;
    synchronized (this) {
      target = now + duration.toNanos();
    }
    while (true) {
      Task task;
      synchronized (this) {
        task = tasks.peek();
        if (task == null || task.dueNanos() > target) {
          now = target;
          return;
        }
        tasks.poll();
        now = Math.max(now, task.dueNanos());
      }
      // Outside the monitor: the task takes the pipeline's lock.
      task.action().run();
    }
  }

  void advanceMillis(long millis) {
    advance(Duration.ofMillis(millis));
  }

  private synchronized void remove(Task task) {
    tasks.remove(task);
  }
}
