package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.ShardKey;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The counters of one shard: written by the task's thread, read by metric reporters, so plain
 * volatile fields suffice (one writer).
 */
public final class ShardMeter {

  /** At most one WARN a minute per shard about dropped out-of-range records. */
  static final long DROP_WARNING_INTERVAL_MS = 60_000;

  private final ShardKey shard;
  private final LongSupplier clock;
  private final WindowedRate rate = new WindowedRate();
  private volatile long calls;
  private volatile long throttles;
  private volatile long failures;
  private volatile long iteratorRenewals;
  private volatile long resubscribes;
  private volatile long delivered;
  private volatile long millisBehindLatest = -1;
  private volatile long droppedOutOfRange;
  private long droppedSinceWarning;
  private long lastDropWarningAt;
  private boolean warnedOfDrops;

  ShardMeter(ShardKey shard, LongSupplier clock) {
    this.shard = shard;
    this.clock = clock;
  }

  /** The shard measured. */
  public ShardKey shard() {
    return shard;
  }

  void call(long behindMillis) {
    calls++;
    millisBehindLatest = behindMillis;
  }

  void throttled() {
    throttles++;
  }

  void failed() {
    failures++;
  }

  void iteratorRenewed() {
    iteratorRenewals++;
  }

  void resubscribed() {
    resubscribes++;
  }

  void delivered(int records) {
    delivered += records;
    rate.record(clock.getAsLong(), records);
  }

  /**
   * Counts user records dropped for hashing outside the shard's range.
   *
   * @return the records dropped since the last warning when a warning is due (the first drop, then
   *     at most one a minute), else 0
   */
  long droppedOutOfRange(int records) {
    droppedOutOfRange += records;
    droppedSinceWarning += records;
    long now = clock.getAsLong();
    if (warnedOfDrops && now - lastDropWarningAt < DROP_WARNING_INTERVAL_MS) {
      return 0;
    }
    warnedOfDrops = true;
    lastDropWarningAt = now;
    long since = droppedSinceWarning;
    droppedSinceWarning = 0;
    return since;
  }

  long calls() {
    return calls;
  }

  long throttles() {
    return throttles;
  }

  long iteratorRenewals() {
    return iteratorRenewals;
  }

  long resubscribes() {
    return resubscribes;
  }

  long delivered() {
    return delivered;
  }

  /** The shard's gauges by metric name; millis-behind-latest is -1 before the first response. */
  public Map<String, Number> gauges() {
    Map<String, Number> gauges = new LinkedHashMap<>();
    gauges.put("millis-behind-latest", millisBehindLatest);
    gauges.put("records-per-second", rate.perSecond(clock.getAsLong()));
    gauges.put("records-delivered", delivered);
    gauges.put("read-calls", calls);
    gauges.put("throttled-calls", throttles);
    gauges.put("failed-calls", failures);
    gauges.put("iterator-renewals", iteratorRenewals);
    gauges.put("efo-resubscribes", resubscribes);
    gauges.put("records-dropped-out-of-range", droppedOutOfRange);
    return gauges;
  }

  /** Sums the counters of {@code meters} into task-level gauges. */
  static Map<String, Number> taskGauges(Iterable<ShardMeter> meters) {
    long calls = 0;
    long throttles = 0;
    long failures = 0;
    long renewals = 0;
    long resubscribes = 0;
    long delivered = 0;
    long dropped = 0;
    long maxBehind = -1;
    int shards = 0;
    for (ShardMeter meter : meters) {
      calls += meter.calls;
      throttles += meter.throttles;
      failures += meter.failures;
      renewals += meter.iteratorRenewals;
      resubscribes += meter.resubscribes;
      delivered += meter.delivered;
      dropped += meter.droppedOutOfRange;
      maxBehind = Math.max(maxBehind, meter.millisBehindLatest);
      shards++;
    }
    Map<String, Number> gauges = new LinkedHashMap<>();
    gauges.put("read-calls", calls);
    gauges.put("throttled-calls", throttles);
    gauges.put("failed-calls", failures);
    gauges.put("iterator-renewals", renewals);
    gauges.put("efo-resubscribes", resubscribes);
    gauges.put("records-delivered", delivered);
    gauges.put("records-dropped-out-of-range", dropped);
    gauges.put("max-millis-behind-latest", maxBehind);
    gauges.put("shards", shards);
    return gauges;
  }

  /** Task-level counters of {@code meters} for logs and tests. */
  static ReadStats stats(Iterable<ShardMeter> meters) {
    Map<String, Number> gauges = taskGauges(meters);
    return new ReadStats(
        gauges.get("read-calls").longValue(),
        gauges.get("throttled-calls").longValue(),
        gauges.get("iterator-renewals").longValue(),
        gauges.get("efo-resubscribes").longValue(),
        gauges.get("records-delivered").longValue());
  }
}
