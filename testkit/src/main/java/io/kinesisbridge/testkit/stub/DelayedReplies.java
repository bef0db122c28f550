package io.kinesisbridge.testkit.stub;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Writes the stub's answers after the configured {@link RoundTrip}. A held answer costs no handler
 * thread: the handler encodes it and returns, and one scheduler thread writes it when its delay is
 * up (the JDK server keeps an exchange open until its response body is closed), so any number of
 * calls can wait at once, as they do on a real network. With no round trip the handler writes at
 * once, as before.
 */
final class DelayedReplies implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DelayedReplies.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Supplier<RoundTrip> roundTrip;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "kinesis-stub-replies");
            thread.setDaemon(true);
            return thread;
          });

  /** An encoded answer: HTTP status, content type, error type header (or null) and body. */
  record Answer(int status, String contentType, String errorType, byte[] body) {}

  /**
   * @param roundTrip the round trip to apply, read per answer so it can change between runs
   */
  DelayedReplies(Supplier<RoundTrip> roundTrip) {
    this.roundTrip = roundTrip;
  }

  /**
   * Sends {@code answer} on {@code exchange} now or after the round trip, then closes the exchange.
   *
   * @param chargeCpu takes the CPU time a delayed write cost the scheduler thread
   */
  void send(HttpExchange exchange, Answer answer, String requestId, LongConsumer chargeCpu) {
    long delay = roundTrip.get().nextDelayNanos();
    if (delay == 0) {
      writeAndClose(exchange, answer, requestId);
      return;
    }
    try {
      scheduler.schedule(
          () -> {
            long start = THREADS.getCurrentThreadCpuTime();
            writeAndClose(exchange, answer, requestId);
            chargeCpu.accept(THREADS.getCurrentThreadCpuTime() - start);
          },
          delay,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      exchange.close(); // the stub is closing
    }
  }

  private static void writeAndClose(HttpExchange exchange, Answer answer, String requestId) {
    try {
      var headers = exchange.getResponseHeaders();
      headers.set("Content-Type", answer.contentType());
      headers.set("x-amzn-RequestId", requestId);
      if (answer.errorType() != null) {
        headers.set("x-amzn-ErrorType", answer.errorType());
      }
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    } catch (IOException e) {
      LOG.debug("Could not answer the client (connection closed?)", e);
    } finally {
      exchange.close();
    }
  }

  /** Drops answers still waiting; their clients see the connection close. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
