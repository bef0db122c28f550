package io.kinesisbridge.common.sink;

import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Time and timers for a pipeline (linger, retry backoff, delivery timeout checks). A port, so tests
 * can move time by hand; production uses {@link #singleThread}.
 */
public interface PipelineScheduler {

  /** The current time in nanoseconds, as {@link System#nanoTime()}: only differences matter. */
  long nanoTime();

  /**
   * Runs {@code task} once after {@code delayNanos}. Tasks run one at a time, never on the caller's
   * thread during this call.
   *
   * @return a handle that cancels the task if it has not run yet
   */
  Cancellable schedule(Runnable task, long delayNanos);

  /** Stops running tasks; tasks still waiting are discarded. */
  void shutdown();

  /** Cancels a scheduled task. */
  @FunctionalInterface
  interface Cancellable {

    /** Cancels the task if it has not run yet; harmless afterwards. */
    void cancel();
  }

  /**
   * The production scheduler: {@link System#nanoTime()} and one daemon thread named {@code
   * kinesis-bridge-<name>}.
   */
  static PipelineScheduler singleThread(String name) {
    return new ExecutorScheduler(name);
  }

  /** {@link PipelineScheduler#singleThread}: one daemon thread, real time. */
  final class ExecutorScheduler implements PipelineScheduler {

    private final ScheduledThreadPoolExecutor executor;

    private ExecutorScheduler(String name) {
      String threadName = "kinesis-bridge-" + name;
      executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, threadName);
                // A stuck timer must never keep the worker's JVM from exiting.
                thread.setDaemon(true);
                return thread;
              });
      // Cancelled linger timers would otherwise pile up in the queue until their deadline.
      executor.setRemoveOnCancelPolicy(true);
      executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
      try {
        ScheduledFuture<?> future =
            executor.schedule(() -> runLogged(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
      } catch (RejectedExecutionException e) {
        // Shut down: the pipeline is closing and needs no more timers.
        return () -> {};
      }
    }

    @Override
    public void shutdown() {
      executor.shutdownNow();
    }

    private static void runLogged(Runnable task) {
      try {
        task.run();
      } catch (RuntimeException e) {
        // The executor would swallow it silently; a lost timer would stall delivery unnoticed.
        LoggerFactory.getLogger(ExecutorScheduler.class)
            .error("A delivery pipeline timer failed", e);
      }
    }
  }
}
