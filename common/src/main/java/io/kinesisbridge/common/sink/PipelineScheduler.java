package io.kinesisbridge.common.sink;

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
    return new DeliveryPipeline.ExecutorScheduler(name);
  }
}
