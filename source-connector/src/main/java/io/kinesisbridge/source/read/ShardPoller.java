package io.kinesisbridge.source.read;

import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.source.kinesis.IteratorExpiredException;
import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.ReadThrottledException;
import io.kinesisbridge.source.kinesis.RecordBatch;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.StartPosition;
import io.kinesisbridge.source.offset.ShardOffset;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reads a task's shards on the caller's thread: each {@link #poll()} visits the shards round-robin
 * and calls GetRecords only on those whose next allowed time has come, so one thread serves any
 * number of shards within each shard's read budget.
 *
 * <p>A child shard is read only once all its parents assigned to this task are read to their end
 * (see {@link LineageGate}); parents not assigned here are finished or gone past retention, because
 * the connector keeps shard families on one task and leaves finished shards out.
 */
public final class ShardPoller implements ShardReader {

  /** Fail the task when one shard keeps failing for this many calls in a row (minutes). */
  static final int MAX_FAILURES_IN_A_ROW = 30;

  /** Longest nap in an idle poll, so that stop() is honoured quickly. */
  static final long MAX_IDLE_WAIT_MS = 500;

  /** Kinesis serves 2 MB/s per shard; pace a shard after a large response. */
  static final long BYTES_PER_SECOND = 2L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ShardPoller.class);

  /** Waits; tests pass one that moves a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code millis}. */
    void sleep(long millis) throws InterruptedException;
  }

  private final KinesisReaderPort port;
  private final ReadSettings settings;
  private final ShardDelivery delivery;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private final Map<ShardKey, ShardCursor> cursors = new LinkedHashMap<>();
  private final List<ShardCursor> order = new ArrayList<>();
  private int start;
  private Supplier<Instant> wallClock = Instant::now;

  /**
   * A poller for {@code shards}.
   *
   * @param committed the committed offsets of the shards and of their parents, where they exist
   */
  public ShardPoller(
      KinesisReaderPort port,
      ReadSettings settings,
      RecordConverter converter,
      List<ShardInfo> shards,
      Map<ShardKey, ShardOffset> committed,
      LongSupplier clock,
      Sleeper sleeper) {
    this.port = port;
    this.settings = settings;
    this.delivery = new ShardDelivery(converter);
    this.clock = SteadyClock.over(clock);
    this.sleeper = sleeper;
    for (ShardCursor cursor :
        StartingPoints.cursors(shards, committed, settings.initialPosition(), this.clock)) {
      cursors.put(cursor.key(), cursor);
      order.add(cursor);
    }
  }

  /**
   * Replaces the wall clock that dates a LATEST iterator (see {@link ShardCursor#startPosition()});
   * tests pass a fake one.
   */
  ShardPoller wallClock(Supplier<Instant> clock) {
    this.wallClock = clock;
    return this;
  }

  /**
   * The records of one round over the ready shards; empty after a short wait when none is ready.
   *
   * @throws InterruptedException when the wait is interrupted
   */
  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    long now = clock.getAsLong();
    List<SourceRecord> out = new ArrayList<>();
    int count = order.size();
    for (int i = 0; i < count && out.size() < settings.maxRecords(); i++) {
      ShardCursor cursor = order.get((start + i) % count);
      if (!cursor.finished() && cursor.readyAt(now) && gateOpen(cursor)) {
        read(cursor, now, out);
      }
    }
    start = count == 0 ? 0 : (start + 1) % count;
    if (out.isEmpty()) {
      sleeper.sleep(idleWait(now));
    }
    return out;
  }

  private boolean gateOpen(ShardCursor cursor) {
    return LineageGate.readableHere(cursor.shard(), cursors::get);
  }

  @Override
  public void acknowledged(SourceRecord record) {
    ShardCursor cursor = cursors.get(ShardKey.fromPartition(record.sourcePartition()));
    if (cursor != null) {
      cursor.acknowledge(ShardOffset.fromMap(record.sourceOffset()));
    }
  }

  private long idleWait(long now) {
    long earliest = Long.MAX_VALUE;
    for (ShardCursor cursor : order) {
      // A gated child cannot become readable before some parent's next call, so it does not count.
      if (!cursor.finished() && gateOpen(cursor)) {
        earliest = Math.min(earliest, cursor.nextAllowedAt());
      }
    }
    return Math.max(1, Math.min(MAX_IDLE_WAIT_MS, earliest - now));
  }

  private void read(ShardCursor cursor, long now, List<SourceRecord> out) {
    if (cursor.iterator() == null && !takeIterator(cursor, now, out)) {
      return;
    }
    RecordBatch batch;
    try {
      batch = port.getRecords(cursor.key(), cursor.iterator(), settings.maxRecords());
    } catch (ReadThrottledException e) {
      cursor.meter().throttled();
      int failures = cursor.failed(now);
      LOG.debug("Reads of {} throttled ({} in a row); backing off", cursor.key(), failures);
      return;
    } catch (IteratorExpiredException e) {
      cursor.meter().iteratorRenewed();
      // Rebuilt from the last record read, never from the initial position (see startPosition).
      LOG.info(
          "Iterator of {} expired; taking a new one from {}", cursor.key(), cursor.startPosition());
      cursor.iterator(null);
      return;
    } catch (RuntimeException e) {
      failedCall(cursor, now, e, out);
      return;
    }
    cursor.meter().call(batch.millisBehindLatest());
    cursor.iterator(batch.nextIterator());
    if (!batch.records().isEmpty()) {
      cursor.read(batch.records().get(batch.records().size() - 1).sequenceNumber());
    }
    delivery.deliver(cursor, batch.records(), batch.shardEnded(), out);
    cursor.succeeded(now, pacing(batch));
  }

  /** Takes a new iterator; false when the call failed and the shard waits for its backoff. */
  private boolean takeIterator(ShardCursor cursor, long now, List<SourceRecord> out) {
    StartPosition from = cursor.startPosition();
    try {
      cursor.iterator(port.shardIterator(cursor.key(), from));
      if (from.kind() == StartPosition.Kind.LATEST) {
        cursor.latestTakenAt(wallClock.get());
      }
      return true;
    } catch (RuntimeException e) {
      if (cursor.resumesFromOffset() && PositionGone.isPositionRefused(e)) {
        PositionGone.warn(cursor.key(), from, e);
        cursor.restartAtTrimHorizon();
        return false;
      }
      failedCall(cursor, now, e, out);
      return false;
    }
  }

  private void failedCall(
      ShardCursor cursor, long now, RuntimeException e, List<SourceRecord> out) {
    RuntimeException cause = e;
    if (MissingShard.isNotFound(e)) {
      // Throws when the stream is gone or the shard still listed; null when the shard aged out.
      cause = MissingShard.check(port, cursor.key(), e);
      if (cause == null) {
        LOG.warn(
            "Shard {} passed the stream's retention period and no longer exists; records of it"
                + " not read yet are lost. Going on with its children.",
            cursor.key());
        delivery.finishGoneShard(cursor, out);
        return;
      }
    }
    ErrorClassification verdict = ErrorClassifier.classify(cause);
    cursor.meter().failed();
    int failures = cursor.failed(now);
    if (verdict.isFatal() || failures >= MAX_FAILURES_IN_A_ROW) {
      throw new ConnectException(
          "Reading " + cursor.key() + " failed (" + failures + " in a row): " + verdict.reason(),
          cause);
    }
    // As AWS's KCL does, the iterator is kept: a new one would be taken from the last delivered
    // record, or for a shard with nothing delivered from the initial position, which with LATEST
    // skips what was written since. Only expiry (above) makes an iterator unusable.
    LOG.warn(
        "Reading {} failed ({} in a row), retrying in {} ms: {}",
        cursor.key(),
        failures,
        cursor.backoffMs(),
        verdict.reason());
  }

  private long pacing(RecordBatch batch) {
    if (batch.records().isEmpty()) {
      return settings.idleInterval().toMillis();
    }
    long bytes = 0;
    for (var record : batch.records()) {
      bytes += record.data().length;
    }
    return bytes * 1000 / BYTES_PER_SECOND;
  }

  @Override
  public List<ShardMeter> meters() {
    return order.stream().map(ShardCursor::meter).toList();
  }

  @Override
  public boolean allFinished() {
    return order.stream().allMatch(ShardCursor::finished);
  }

  /** Nothing to release: GetRecords holds no resources between calls. */
  @Override
  public void close() {}
}
