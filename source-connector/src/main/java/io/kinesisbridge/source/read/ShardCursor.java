package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.StartPosition;
import io.kinesisbridge.source.offset.ShardOffset;
import org.apache.kafka.connect.source.SourceRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The reading state of one shard inside a task: iterator, last delivered position, when the next
 * call is allowed and the throttling backoff. Only the task's thread touches it.
 */
final class ShardCursor {

  /** Kinesis allows 5 GetRecords calls per second per shard. */
  static final long MIN_CALL_GAP_MS = 200;

  /** Backoff after repeated throttling or errors stops doubling here. */
  static final long MAX_BACKOFF_MS = 10_000;

  /**
   * Arrival times are Kinesis's clock, the LATEST time ours: going back this much keeps a host
   * clock that runs a little ahead from skipping records, at the price of a few older ones.
   */
  static final Duration CLOCK_SKEW_MARGIN = Duration.ofSeconds(10);

  private final ShardInfo shard;
  private final StartPosition firstPosition;
  private final ShardMeter meter;
  private String iterator;
  private ShardOffset delivered;
  // The last record handed to Connect; delivered may be further, past dropped records.
  private ShardOffset emitted;
  private String lastRead;
  private Instant latestTakenAt;
  // Written by the producer's callback thread (see acknowledge), read by the task's thread.
  private volatile ShardOffset acknowledged;
  private boolean restartAtTrimHorizon;
  private boolean finished;
  private long nextAllowedAt;
  private long backoffMs;
  private int failuresInARow;
  private SourceRecord heldBack;

  /**
   * A cursor.
   *
   * @param committed the shard's committed offset, or null
   * @param firstPosition where to start when nothing was delivered yet
   */
  ShardCursor(
      ShardInfo shard, ShardOffset committed, StartPosition firstPosition, LongSupplier clock) {
    this.shard = shard;
    this.firstPosition = firstPosition;
    this.meter = new ShardMeter(shard.key(), clock);
    this.delivered = committed;
    this.emitted = committed;
    this.acknowledged = committed;
    this.finished = committed != null && committed.finished();
  }

  ShardInfo shard() {
    return shard;
  }

  ShardKey key() {
    return shard.key();
  }

  ShardMeter meter() {
    return meter;
  }

  boolean finished() {
    return finished;
  }

  void markFinished() {
    finished = true;
  }

  String iterator() {
    return iterator;
  }

  void iterator(String next) {
    iterator = next;
  }

  ShardOffset delivered() {
    return delivered;
  }

  void delivered(ShardOffset position) {
    delivered = position;
    emitted = position;
    restartAtTrimHorizon = false;
  }

  /**
   * User records up to {@code position} were dropped (they belong to another shard): reading goes
   * on after them, but there is nothing for Kafka to acknowledge.
   */
  void passed(ShardOffset position) {
    delivered = position;
    restartAtTrimHorizon = false;
  }

  /**
   * GetRecords returned the record {@code sequence} as the last of a response; every user record of
   * it was handed to delivery (or dropped), so a new iterator may start after it.
   */
  void read(String sequence) {
    lastRead = sequence;
    restartAtTrimHorizon = false;
  }

  /**
   * The first iterator was taken at LATEST at {@code time}: should it expire before any record is
   * read, a new LATEST iterator would skip what was written meanwhile, so it is rebuilt at this
   * time, less {@link #CLOCK_SKEW_MARGIN} (records written a little earlier may come too; none were
   * delivered before).
   */
  void latestTakenAt(Instant time) {
    if (latestTakenAt == null && lastRead == null && delivered == null) {
      latestTakenAt = time;
    }
  }

  /**
   * Where a new iterator starts: after the last record read, else at the last delivered record (a
   * committed offset may point inside an aggregate), else where the first iterator stood.
   */
  StartPosition startPosition() {
    if (restartAtTrimHorizon) {
      return StartPosition.trimHorizon();
    }
    if (lastRead != null) {
      return StartPosition.afterSequence(lastRead);
    }
    if (delivered != null) {
      return StartPosition.atSequence(delivered.sequence());
    }
    return latestTakenAt != null
        ? StartPosition.atTimestamp(latestTakenAt.minus(CLOCK_SKEW_MARGIN))
        : firstPosition;
  }

  /**
   * Called when Kinesis refuses the stored position (trimmed past retention): reading continues at
   * the oldest retained record. The stored position stays, so that nothing at or before it is
   * delivered twice.
   */
  void restartAtTrimHorizon() {
    restartAtTrimHorizon = true;
    iterator = null;
  }

  /** Whether a new iterator would start from a record read, delivered or committed. */
  boolean resumesFromOffset() {
    return delivered != null || lastRead != null;
  }

  /** Kafka acknowledged the record at {@code position}; Connect acknowledges in shard order. */
  void acknowledge(ShardOffset position) {
    ShardOffset previous = acknowledged;
    acknowledged = previous == null ? position : ShardOffset.furthest(previous, position);
  }

  /**
   * Whether the shard is read to its end and Kafka acknowledged every record handed out from it:
   * only then may its children be read, so that no record of a child can reach Kafka, or be
   * committed, before the last record of its parent.
   */
  boolean finishedAndAcknowledged() {
    if (!finished) {
      return false;
    }
    ShardOffset last = emitted;
    ShardOffset acked = acknowledged;
    return last == null || (acked != null && acked.covers(last.sequence(), last.subsequence()));
  }

  boolean readyAt(long now) {
    return now >= nextAllowedAt;
  }

  long nextAllowedAt() {
    return nextAllowedAt;
  }

  /** After a successful call: no sooner than {@code gapMs} from {@code now}. */
  void succeeded(long now, long gapMs) {
    backoffMs = 0;
    failuresInARow = 0;
    nextAllowedAt = now + Math.max(MIN_CALL_GAP_MS, gapMs);
  }

  /** After throttling or an error: wait twice as long as last time, up to the cap. */
  int failed(long now) {
    backoffMs = backoffMs == 0 ? MIN_CALL_GAP_MS * 2 : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    nextAllowedAt = now + backoffMs;
    return ++failuresInARow;
  }

  long backoffMs() {
    return backoffMs;
  }

  /**
   * The last record of a known-closed shard waits here until the next call tells whether it is the
   * shard's last: then it carries the finished marker, which Connect can only commit with a record.
   */
  SourceRecord takeHeldBack() {
    SourceRecord held = heldBack;
    heldBack = null;
    return held;
  }

  void holdBack(SourceRecord record) {
    heldBack = record;
  }
}
