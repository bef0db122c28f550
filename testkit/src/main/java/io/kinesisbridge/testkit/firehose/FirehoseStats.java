package io.kinesisbridge.testkit.firehose;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link FirehoseEndpoint} received and delivered, for the whole endpoint or for one
 * delivery stream. Thread-safe: handler threads add to it while a test reads {@link #snapshot()}s.
 *
 * <p>A call rejected as a whole (a limit breach, a missing stream, injected throttling) counts as a
 * call and a rejected call, and none of its records count as received. A call that is answered
 * counts all its records as received, each one either accepted or failed (an injected {@code
 * ErrorCode}), so {@code recordsReceived == recordsAccepted + recordsFailed} always holds.
 */
public final class FirehoseStats {

  private final LongAdder calls = new LongAdder();
  private final LongAdder rejectedCalls = new LongAdder();
  private final LongAdder throttledCalls = new LongAdder();
  private final LongAdder recordsReceived = new LongAdder();
  private final LongAdder recordsAccepted = new LongAdder();
  private final LongAdder recordsFailed = new LongAdder();
  private final LongAdder bytesReceived = new LongAdder();
  private final LongAdder bytesAccepted = new LongAdder();
  private final LongAdder objectsWritten = new LongAdder();
  private final LongAdder bytesWritten = new LongAdder();
  private final LongAdder deliveryFailures = new LongAdder();

  FirehoseStats() {} // only the endpoint counts

  /**
   * A copy of the counters, each read on its own (a snapshot taken during a call may hold part of
   * it).
   *
   * @param calls PutRecord and PutRecordBatch calls, answered or rejected
   * @param rejectedCalls calls answered with an error, injected throttling included
   * @param throttledCalls calls failed whole with an injected {@code ServiceUnavailableException}
   * @param recordsReceived records of the answered calls
   * @param recordsAccepted records acknowledged with a {@code RecordId} and buffered for S3
   * @param recordsFailed records answered with an injected {@code ErrorCode}
   * @param bytesReceived data bytes (decoded, before base64) of the received records
   * @param bytesAccepted data bytes of the accepted records
   * @param objectsWritten S3 objects delivered
   * @param bytesWritten bytes of the S3 objects delivered
   * @param deliveryFailures S3 uploads that failed (retried on the next delivery attempt)
   */
  public record Snapshot(
      long calls,
      long rejectedCalls,
      long throttledCalls,
      long recordsReceived,
      long recordsAccepted,
      long recordsFailed,
      long bytesReceived,
      long bytesAccepted,
      long objectsWritten,
      long bytesWritten,
      long deliveryFailures) {}

  /** The counters now. */
  public Snapshot snapshot() {
    return new Snapshot(
        calls.sum(),
        rejectedCalls.sum(),
        throttledCalls.sum(),
        recordsReceived.sum(),
        recordsAccepted.sum(),
        recordsFailed.sum(),
        bytesReceived.sum(),
        bytesAccepted.sum(),
        objectsWritten.sum(),
        bytesWritten.sum(),
        deliveryFailures.sum());
  }

  /** Records accepted so far: the figure a test waits on before it flushes and reads S3. */
  public long recordsAccepted() {
    return recordsAccepted.sum();
  }

  /** S3 objects delivered so far. */
  public long objectsWritten() {
    return objectsWritten.sum();
  }

  void call() {
    calls.increment();
  }

  void rejected(boolean throttled) {
    rejectedCalls.increment();
    if (throttled) {
      throttledCalls.increment();
    }
  }

  void answered(int accepted, long acceptedBytes, int failed, long failedBytes) {
    recordsReceived.add((long) accepted + failed);
    recordsAccepted.add(accepted);
    recordsFailed.add(failed);
    bytesReceived.add(acceptedBytes + failedBytes);
    bytesAccepted.add(acceptedBytes);
  }

  void delivered(long bytes) {
    objectsWritten.increment();
    bytesWritten.add(bytes);
  }

  void deliveryFailed() {
    deliveryFailures.increment();
  }
}
