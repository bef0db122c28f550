package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.FanOutEvent;
import io.kinesisbridge.source.kinesis.ShardSubscription;
import io.kinesisbridge.source.kinesis.StartPosition;
import io.kinesisbridge.source.kinesis.SubscriptionListener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard read by enhanced fan-out: its cursor, its current subscription and the events that
 * arrived on SDK threads but were not yet taken by the task's thread.
 *
 * <p>Each subscription gets a generation number. Renewing or restarting a subscription moves to a
 * new generation under the lock, and a listener of an older generation drops what it receives, so
 * an event can never arrive twice or out of order from two overlapping subscriptions. The new
 * subscription starts at the last record received, which the cursor then skips as delivered.
 */
final class FanOutShard {

  /** Events requested but not yet taken, per shard: this bounds a task's buffer. */
  static final int EVENTS_PER_SHARD = 2;

  private final ShardCursor cursor;
  private final Runnable wakeUp;
  private final ArrayDeque<FanOutEvent> events = new ArrayDeque<>();
  private int generation;
  private boolean ended;
  private Throwable endError;
  private String lastReceivedSequence;
  private boolean receivedThisSubscription;

  // Touched by the task's thread only.
  private ShardSubscription subscription;
  private long subscribedAt;
  private long nextSubscribeAt;
  private long nextEndCheckAt;

  FanOutShard(ShardCursor cursor, Runnable wakeUp) {
    this.cursor = cursor;
    this.wakeUp = wakeUp;
  }

  ShardCursor cursor() {
    return cursor;
  }

  /** The subscription's end seen by the task, or null while it runs (or none was started). */
  record End(boolean normal, Throwable error, boolean receivedEvents) {}

  /**
   * Starts a new generation and returns where its subscription starts: at the last record received
   * (skipped again by the cursor), else where the cursor resumes.
   */
  synchronized StartPosition nextGeneration() {
    generation++;
    ended = false;
    endError = null;
    receivedThisSubscription = false;
    return lastReceivedSequence == null
        ? cursor.startPosition()
        : StartPosition.atSequence(lastReceivedSequence);
  }

  /** A listener bound to the current generation. */
  synchronized SubscriptionListener listener() {
    int bound = generation;
    return new SubscriptionListener() {
      @Override
      public void onEvent(FanOutEvent event) {
        synchronized (FanOutShard.this) {
          if (bound != generation) {
            return;
          }
          events.add(event);
          receivedThisSubscription = true;
          if (!event.records().isEmpty()) {
            lastReceivedSequence = event.records().get(event.records().size() - 1).sequenceNumber();
          } else if (event.continuationSequenceNumber() != null) {
            lastReceivedSequence = event.continuationSequenceNumber();
          }
        }
        wakeUp.run();
      }

      @Override
      public void onEnd(Throwable error) {
        synchronized (FanOutShard.this) {
          if (bound != generation) {
            return;
          }
          ended = true;
          endError = error;
        }
        wakeUp.run();
      }
    };
  }

  /** Forgets the received position, e.g. after Kinesis refused it. */
  synchronized void forgetReceivedPosition() {
    lastReceivedSequence = null;
  }

  /** The queued events, oldest first, now owned by the caller. */
  synchronized List<FanOutEvent> takeEvents() {
    List<FanOutEvent> taken = new ArrayList<>(events);
    events.clear();
    return taken;
  }

  synchronized int queued() {
    return events.size();
  }

  /** The end of the current subscription, or null while it runs. */
  synchronized End end() {
    return ended ? new End(endError == null, endError, receivedThisSubscription) : null;
  }

  ShardSubscription subscription() {
    return subscription;
  }

  void subscribed(ShardSubscription running, long now) {
    subscription = running;
    subscribedAt = now;
  }

  /** Cancels the running subscription, if any, and moves on to a new generation. */
  void dropSubscription() {
    if (subscription != null) {
      subscription.cancel();
      subscription = null;
    }
  }

  long subscribedAt() {
    return subscribedAt;
  }

  long nextSubscribeAt() {
    return nextSubscribeAt;
  }

  void nextSubscribeAt(long at) {
    nextSubscribeAt = at;
  }

  long nextEndCheckAt() {
    return nextEndCheckAt;
  }

  void nextEndCheckAt(long at) {
    nextEndCheckAt = at;
  }
}
