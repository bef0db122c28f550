package io.kinesisbridge.source.kinesis;

import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Retries the control-plane calls of the stream consumer lookup (DescribeStreamSummary,
 * DescribeStreamConsumer, RegisterStreamConsumer). Their rate limits are low
 * (DescribeStreamConsumer allows 20 calls per second per stream) and every task of a connector
 * makes them at the same moment when the connector starts or rebalances, so throttling there is
 * expected and must not fail the task. Throttling and transient errors are retried with a jittered
 * exponential backoff (so that tasks spread out) within {@link #BUDGET}; refused permissions and
 * other fatal errors are not retried.
 */
final class LookupRetry {

  /** The most time spent waiting between attempts of one call. */
  static final Duration BUDGET = Duration.ofMinutes(1);

  static final long FIRST_BACKOFF_MS = 500;

  static final long MAX_BACKOFF_MS = 8_000;

  private static final Logger LOG = LoggerFactory.getLogger(LookupRetry.class);

  /** Waits; tests pass one that only records the wait. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final Sleeper sleeper;
  private final DoubleSupplier jitter;

  /**
   * A retry.
   *
   * @param jitter a number from 0 (inclusive) to 1 (exclusive) per wait
   */
  LookupRetry(Sleeper sleeper, DoubleSupplier jitter) {
    this.sleeper = sleeper;
    this.jitter = jitter;
  }

  /** Sleeping on the calling thread, with random jitter. */
  static LookupRetry standard() {
    return new LookupRetry(Thread::sleep, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Runs {@code call} until it succeeds, a fatal error comes, or the budget is spent.
   *
   * @param what the API call and its subject, for messages, e.g. "DescribeStreamSummary of stream
   *     'orders'"
   * @throws RuntimeException a fatal error as thrown, for the caller to explain
   * @throws ConnectException when retriable errors outlast the budget
   */
  <T> T call(String what, Supplier<T> call) {
    long waited = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        ErrorClassification verdict = ErrorClassifier.classify(e);
        if (!verdict.isRetriable()) {
          throw e;
        }
        long backoff = backoffMs(attempt);
        if (waited + backoff > BUDGET.toMillis()) {
          throw new ConnectException(
              what
                  + " kept failing for about "
                  + BUDGET.toSeconds()
                  + " s ("
                  + attempt
                  + " attempts): "
                  + verdict.reason()
                  + ". Start fewer tasks at once, or restart the failed ones.",
              e);
        }
        LOG.info(
            "{} failed (attempt {}), trying again in {} ms: {}",
            what,
            attempt,
            backoff,
            verdict.reason());
        sleep(backoff);
        waited += backoff;
      }
    }
  }

  /** Full jitter over a doubling ceiling: from half the ceiling to the ceiling. */
  long backoffMs(int attempt) {
    long ceiling = FIRST_BACKOFF_MS << Math.min(attempt - 1, 10);
    ceiling = Math.min(MAX_BACKOFF_MS, ceiling);
    return ceiling / 2 + (long) (jitter.getAsDouble() * (ceiling / 2)) + 1;
  }

  private void sleep(long millis) {
    try {
      sleeper.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while waiting to retry the consumer lookup", e);
    }
  }
}
