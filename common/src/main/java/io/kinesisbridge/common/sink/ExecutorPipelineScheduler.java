package io.kinesisbridge.common.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link PipelineScheduler#singleThread}: one daemon thread, real time. */
final class ExecutorPipelineScheduler implements PipelineScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutorPipelineScheduler.class);

  private final ScheduledThreadPoolExecutor executor;

  ExecutorPipelineScheduler(String name) {
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
      LOG.error("A delivery pipeline timer failed", e);
    }
  }
}
