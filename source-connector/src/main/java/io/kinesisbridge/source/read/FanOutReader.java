package io.kinesisbridge.source.read;

import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.source.kinesis.FanOutEvent;
import io.kinesisbridge.source.kinesis.FanOutPort;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.ShardSubscription;
import io.kinesisbridge.source.kinesis.StartPosition;
import io.kinesisbridge.source.offset.ShardOffset;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Reads a task's shards by enhanced fan-out: one SubscribeToShard per readable shard, events pushed
 * on the SDK's shared event loop into small per-shard queues, and the task's thread taking them in
 * {@link #poll()}. Records reach Connect as soon as an event arrives; the thread waits on a signal
 * rather than a timer.
 *
 * <p>A subscription lasts at most five minutes; it is renewed before that from the last record
 * received, and restarted with backoff after an error (ResourceInUse while an older subscription of
 * the same consumer is still open, throttling, a dropped connection). The last event of a closed
 * shard names its children, which this task adopts when it reads all their parents. Emulators that
 * never end a closed shard's subscription are covered too: a shard known to be closed is checked
 * with GetRecords once it is caught up (see {@link ShardEndCheck}).
 */
public final class FanOutReader implements ShardReader {

  /** Renew well before Kinesis ends a subscription after five minutes. */
  static final long RENEW_AFTER_MS = 270_000;

  /** Fail the task when one shard cannot be subscribed this many times in a row. */
  static final int MAX_FAILURES_IN_A_ROW = 30;

  /** Longest wait in an idle poll: the signal usually ends it much sooner. */
  static final long MAX_IDLE_WAIT_MS = 200;

  /** How often a caught-up closed shard is checked for its end. */
  static final long END_CHECK_INTERVAL_MS = 2_000;

  private static final Logger LOG = LoggerFactory.getLogger(FanOutReader.class);

  private final FanOutPort fanOut;
  private final Function<String, String> consumerArns;
  private final ShardEndCheck endCheck;
  private final ReadSettings settings;
  private final RecordConverter converter;
  private final ShardDelivery delivery;
  private final LongSupplier clock;
  private final Consumer<ShardMeter> onNewShard;
  private final CommittedOffsets committed;
  // Read by the producer's thread in acknowledged() while the task's thread may adopt a child.
  private final Map<ShardKey, FanOutShard> shards = new ConcurrentHashMap<>();
  // Metric reporters read the shards while the task's thread may adopt a child.
  private final List<FanOutShard> order = new CopyOnWriteArrayList<>();
  private final Object signal = new Object();
  private boolean signalled;
  private int start;

  /**
   * A reader for {@code assigned}.
   *
   * @param consumerArns the active consumer's ARN for a stream name (called on the task's thread)
   * @param committed Connect's committed offsets: of the shards and their parents at start, of a
   *     child when it is adopted
   * @param onNewShard told about each child shard adopted from a closed shard's last event
   */
  public FanOutReader(
      FanOutPort fanOut,
      Function<String, String> consumerArns,
      ShardEndCheck endCheck,
      ReadSettings settings,
      RecordConverter converter,
      List<ShardInfo> assigned,
      CommittedOffsets committed,
      LongSupplier clock,
      Consumer<ShardMeter> onNewShard) {
    this.fanOut = fanOut;
    this.consumerArns = consumerArns;
    this.endCheck = endCheck;
    this.settings = settings;
    this.converter = converter;
    this.delivery = new ShardDelivery(converter);
    this.clock = SteadyClock.over(clock);
    this.onNewShard = onNewShard;
    this.committed = committed;
    StartingPoints.cursors(
            assigned,
            committed.ofShardsAndParents(assigned),
            settings.initialPosition(),
            this.clock)
        .forEach(this::add);
  }

  private void add(ShardCursor cursor) {
    FanOutShard shard = new FanOutShard(cursor, this::wakeUp);
    shards.put(cursor.key(), shard);
    order.add(shard);
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    long now = clock.getAsLong();
    List<SourceRecord> out = new ArrayList<>();
    int count = order.size();
    for (int i = 0; i < count && out.size() < settings.maxRecords(); i++) {
      FanOutShard shard = order.get((start + i) % count);
      if (!shard.cursor().finished() && gateOpen(shard.cursor())) {
        maintain(shard, now);
        take(shard, out);
        checkEnd(shard, now, out);
      }
    }
    start = order.isEmpty() ? 0 : (start + 1) % order.size();
    if (out.isEmpty()) {
      awaitSignal();
    }
    return out;
  }

  private boolean gateOpen(ShardCursor cursor) {
    return LineageGate.readableHere(
        cursor.shard(),
        key -> {
          FanOutShard shard = shards.get(key);
          return shard == null ? null : shard.cursor();
        });
  }

  @Override
  public void acknowledged(SourceRecord record) {
    FanOutShard shard = shards.get(ShardKey.fromPartition(record.sourcePartition()));
    if (shard != null) {
      shard.cursor().acknowledge(ShardOffset.fromMap(record.sourceOffset()));
    }
  }

  /** Starts, renews or restarts the shard's subscription as needed. */
  private void maintain(FanOutShard shard, long now) {
    FanOutShard.End end = shard.end();
    if (shard.subscription() != null && end == null) {
      if (now - shard.subscribedAt() >= RENEW_AFTER_MS) {
        LOG.debug("Renewing the subscription of {} before it runs out", shard.cursor().key());
        shard.cursor().meter().resubscribed();
        subscribe(shard, now);
      }
      return;
    }
    if (end != null && shard.subscription() != null) {
      shard.dropSubscription();
      ended(shard, end, now);
    }
    if (now >= shard.nextSubscribeAt()) {
      subscribe(shard, now);
    }
  }

  private void ended(FanOutShard shard, FanOutShard.End end, long now) {
    ShardCursor cursor = shard.cursor();
    if (end.normal()) {
      // The five minutes ran out before the renewal: pick up again at once.
      cursor.meter().resubscribed();
      cursor.succeeded(now, 0);
      shard.nextSubscribeAt(now);
      return;
    }
    RuntimeException error = asRuntime(end.error());
    if (!end.receivedEvents()
        && cursor.resumesFromOffset()
        && PositionGone.isPositionRefused(error)) {
      PositionGone.warn(cursor.key(), cursor.startPosition(), error);
      cursor.restartAtTrimHorizon();
      shard.forgetReceivedPosition();
      shard.nextSubscribeAt(now);
      return;
    }
    ErrorClassification verdict = ErrorClassifier.classify(error);
    int failures = cursor.failed(now);
    if (verdict.isThrottled() || "LimitExceededException".equals(verdict.code())) {
      cursor.meter().throttled();
    } else {
      cursor.meter().failed();
    }
    if (verdict.isFatal() || failures >= MAX_FAILURES_IN_A_ROW) {
      throw new ConnectException(
          "Subscribing to "
              + cursor.key()
              + " failed ("
              + failures
              + " in a row): "
              + verdict.reason(),
          error);
    }
    cursor.meter().resubscribed();
    shard.nextSubscribeAt(cursor.nextAllowedAt());
    LOG.warn(
        "The subscription of {} ended ({} in a row), subscribing again in {} ms: {}",
        cursor.key(),
        failures,
        cursor.backoffMs(),
        verdict.reason());
  }

  private static RuntimeException asRuntime(Throwable error) {
    return error instanceof RuntimeException runtime
        ? runtime
        : new ConnectException(String.valueOf(error), error);
  }

  private void subscribe(FanOutShard shard, long now) {
    ShardKey key = shard.cursor().key();
    shard.dropSubscription();
    StartPosition from = shard.nextGeneration();
    ShardSubscription subscription =
        fanOut.subscribe(consumerArns.apply(key.stream()), key, from, shard.listener());
    shard.subscribed(subscription, now);
    int room = FanOutShard.EVENTS_PER_SHARD - shard.queued();
    if (room > 0) {
      subscription.request(room);
    }
    LOG.debug("Subscribed to {} from {}", key, from);
  }

  /** Converts the shard's queued events and asks for as many new ones. */
  private void take(FanOutShard shard, List<SourceRecord> out) {
    List<FanOutEvent> events = shard.takeEvents();
    if (events.isEmpty()) {
      return;
    }
    ShardCursor cursor = shard.cursor();
    for (FanOutEvent event : events) {
      if (cursor.finished()) {
        break;
      }
      cursor.meter().call(event.millisBehindLatest());
      cursor.succeeded(clock.getAsLong(), 0);
      delivery.deliver(cursor, event.records(), event.shardEnded(), out);
      if (event.shardEnded()) {
        shard.dropSubscription();
        adopt(cursor.shard(), event.childShards());
      }
    }
    ShardSubscription subscription = shard.subscription();
    if (subscription != null) {
      subscription.request(events.size());
    }
  }

  /**
   * Reads the children of a closed shard here when this task reads all their parents; otherwise the
   * connector's shard discovery assigns them, keeping a child with its parents. A child this task
   * read before a restart (its assignment still names only the parent) resumes after its committed
   * offset.
   */
  private void adopt(ShardInfo closed, List<ShardInfo> children) {
    for (ShardInfo child : children) {
      boolean parentsHere =
          child.parents().stream()
              .allMatch(parent -> shards.containsKey(new ShardKey(child.stream(), parent)));
      if (parentsHere && !shards.containsKey(child.key())) {
        ShardOffset stored = committed.of(List.of(child.key())).get(child.key());
        StartPosition first =
            StartingPoints.firstPosition(child, this::parentRead, settings.initialPosition());
        ShardCursor cursor = new ShardCursor(child, stored, first, clock);
        add(cursor);
        onNewShard.accept(cursor.meter());
        LOG.info("Shard {} closed; reading its child {} here", closed.key(), child.key());
      }
    }
  }

  /** Whether this task read {@code parent} in the sense of {@link StartingPoints}. */
  private boolean parentRead(ShardKey parent) {
    FanOutShard shard = shards.get(parent);
    return shard != null && StartingPoints.read(shard.cursor().shard(), shard.cursor().delivered());
  }

  /** Ends a caught-up closed shard whose subscription does not say so itself. */
  private void checkEnd(FanOutShard shard, long now, List<SourceRecord> out) {
    ShardCursor cursor = shard.cursor();
    if (cursor.finished()
        || !cursor.shard().closed()
        || shard.queued() > 0
        || now < shard.nextEndCheckAt()) {
      return;
    }
    shard.nextEndCheckAt(now + END_CHECK_INTERVAL_MS);
    if (endCheck.readToEnd(cursor.shard(), cursor.startPosition(), cursor.delivered(), converter)) {
      shard.dropSubscription();
      delivery.deliver(cursor, List.of(), true, out);
    }
  }

  private void wakeUp() {
    synchronized (signal) {
      signalled = true;
      signal.notifyAll();
    }
  }

  private void awaitSignal() throws InterruptedException {
    synchronized (signal) {
      if (!signalled) {
        signal.wait(MAX_IDLE_WAIT_MS);
      }
      signalled = false;
    }
  }

  @Override
  public List<ShardMeter> meters() {
    return order.stream().map(shard -> shard.cursor().meter()).toList();
  }

  @Override
  public boolean allFinished() {
    return order.stream().allMatch(shard -> shard.cursor().finished());
  }

  /** Cancels every subscription. */
  @Override
  public void close() {
    order.forEach(FanOutShard::dropSubscription);
  }
}
