package io.kinesisbridge.testkit.stub;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link KinesisStubServer} received, for the whole server or for one stream. Thread-safe:
 * handler threads add to it while a harness reads {@link #snapshot()}s.
 *
 * <p>{@code records} counts accepted Kinesis records (an aggregate is one), {@code userRecords}
 * counts the user records inside them (an aggregate counts each record it holds), so a harness can
 * wait for all the Kafka records it sent whether the sink aggregates or not. Entries failed by
 * fault injection or calls rejected as invalid are not counted as received.
 */
public final class StubStats {

  private final LongAdder requests = new LongAdder();
  private final LongAdder requestBytes = new LongAdder();
  private final LongAdder putRecordsCalls = new LongAdder();
  private final LongAdder records = new LongAdder();
  private final LongAdder userRecords = new LongAdder();
  private final LongAdder dataBytes = new LongAdder();
  private final LongAdder failedEntries = new LongAdder();
  private final LongAdder rejectedCalls = new LongAdder();
  private final LongAdder misroutedUserRecords = new LongAdder();
  private final LongAdder handlerCpuNanos = new LongAdder();
  private final AtomicLong firstRecordNanos = new AtomicLong();
  private final AtomicLong lastRecordNanos = new AtomicLong();

  /**
   * A consistent-enough copy of the counters (each read on its own, so a snapshot taken during a
   * call may hold part of it).
   *
   * @param requests HTTP requests of any operation
   * @param requestBytes request body bytes of those requests
   * @param putRecordsCalls PutRecords and PutRecord calls, accepted or not
   * @param records Kinesis records accepted
   * @param userRecords user records inside the accepted records (1 per non-aggregated record)
   * @param dataBytes data bytes of the accepted records
   * @param failedEntries entries answered with an injected {@code ErrorCode}
   * @param rejectedCalls calls answered with an error (limits, missing stream)
   * @param misroutedUserRecords user records of aggregates that hash outside the aggregate's shard,
   *     or of aggregates that do not decode; counted only when aggregate checking is on
   * @param handlerCpuNanos CPU time the stub's handler threads spent on these requests
   * @param firstRecordNanos {@link System#nanoTime()} when the first record was accepted, 0 if none
   * @param lastRecordNanos {@link System#nanoTime()} when the latest record was accepted, 0 if none
   */
  public record Snapshot(
      long requests,
      long requestBytes,
      long putRecordsCalls,
      long records,
      long userRecords,
      long dataBytes,
      long failedEntries,
      long rejectedCalls,
      long misroutedUserRecords,
      long handlerCpuNanos,
      long firstRecordNanos,
      long lastRecordNanos) {}

  /** The counters now. */
  public Snapshot snapshot() {
    return new Snapshot(
        requests.sum(),
        requestBytes.sum(),
        putRecordsCalls.sum(),
        records.sum(),
        userRecords.sum(),
        dataBytes.sum(),
        failedEntries.sum(),
        rejectedCalls.sum(),
        misroutedUserRecords.sum(),
        handlerCpuNanos.sum(),
        firstRecordNanos.get(),
        lastRecordNanos.get());
  }

  /** User records received so far: the figure a throughput harness waits on. */
  public long userRecords() {
    return userRecords.sum();
  }

  void request(long bodyBytes, long cpuNanos) {
    requests.increment();
    requestBytes.add(bodyBytes);
    handlerCpuNanos.add(cpuNanos);
  }

  /** CPU time spent on a request outside its handler call (writing a delayed answer). */
  void handlerCpu(long cpuNanos) {
    handlerCpuNanos.add(cpuNanos);
  }

  void putRecordsCall() {
    putRecordsCalls.increment();
  }

  void accepted(int recordCount, long userRecordCount, long bytes) {
    if (recordCount == 0) {
      return;
    }
    long now = System.nanoTime();
    firstRecordNanos.compareAndSet(0, now);
    lastRecordNanos.set(now);
    records.add(recordCount);
    userRecords.add(userRecordCount);
    dataBytes.add(bytes);
  }

  void failed(int entries) {
    failedEntries.add(entries);
  }

  void rejected() {
    rejectedCalls.increment();
  }

  void misrouted(long count) {
    misroutedUserRecords.add(count);
  }
}
