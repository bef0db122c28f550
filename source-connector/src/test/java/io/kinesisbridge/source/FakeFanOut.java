package io.kinesisbridge.source;

import io.kinesisbridge.source.kinesis.FanOutEvent;
import io.kinesisbridge.source.kinesis.FanOutPort;
import io.kinesisbridge.source.kinesis.KinesisRecordData;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.ShardSubscription;
import io.kinesisbridge.source.kinesis.StartPosition;
import io.kinesisbridge.source.kinesis.SubscriptionListener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-written enhanced fan-out for unit tests: tests push events into a shard's current
 * subscription, which hands them on only as far as the reader requested (like the SDK's publisher),
 * and end subscriptions normally or with an error.
 */
public final class FakeFanOut implements FanOutPort {

  private final Map<ShardKey, List<FakeSubscription>> subscriptions = new LinkedHashMap<>();
  private final List<String> consumersAsked = new ArrayList<>();
  private boolean closed;

  @Override
  public String activeConsumer(String stream, String consumerName) {
    consumersAsked.add(stream + "/" + consumerName);
    return "arn:aws:kinesis:eu-west-1:123456789012:stream/" + stream + "/consumer/" + consumerName;
  }

  @Override
  public ShardSubscription subscribe(
      String consumerArn, ShardKey shard, StartPosition from, SubscriptionListener listener) {
    FakeSubscription subscription = new FakeSubscription(consumerArn, from, listener);
    subscriptions.computeIfAbsent(shard, k -> new ArrayList<>()).add(subscription);
    return subscription;
  }

  /** Every subscription of {@code shard}, oldest first. */
  public List<FakeSubscription> subscriptions(ShardKey shard) {
    return subscriptions.getOrDefault(shard, List.of());
  }

  /** The newest subscription of {@code shard}. */
  public FakeSubscription latest(ShardKey shard) {
    List<FakeSubscription> list = subscriptions(shard);
    if (list.isEmpty()) {
      throw new AssertionError("no subscription to " + shard);
    }
    return list.get(list.size() - 1);
  }

  /** The stream/consumer pairs the reader asked for. */
  public List<String> consumersAsked() {
    return consumersAsked;
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** An event carrying {@code records}, continuing after the last of them. */
  public static FanOutEvent event(List<KinesisRecordData> records) {
    String continuation =
        records.isEmpty() ? "0" : records.get(records.size() - 1).sequenceNumber();
    return new FanOutEvent(records, continuation, 0, List.of());
  }

  /** The last event of a closed shard, naming its children. */
  public static FanOutEvent lastEvent(List<KinesisRecordData> records, ShardInfo... children) {
    return new FanOutEvent(records, null, 0, List.of(children));
  }

  /** One SubscribeToShard call. */
  public static final class FakeSubscription implements ShardSubscription {
    private final String consumerArn;
    private final StartPosition from;
    private final SubscriptionListener listener;
    private final ArrayDeque<FanOutEvent> unsent = new ArrayDeque<>();
    private long demand;
    private long requestedTotal;
    private boolean cancelled;
    private boolean ended;

    FakeSubscription(String consumerArn, StartPosition from, SubscriptionListener listener) {
      this.consumerArn = consumerArn;
      this.from = from;
      this.listener = listener;
    }

    public String consumerArn() {
      return consumerArn;
    }

    public StartPosition from() {
      return from;
    }

    public boolean cancelled() {
      return cancelled;
    }

    /** Events requested and not yet delivered. */
    public long demand() {
      return demand;
    }

    public long requestedTotal() {
      return requestedTotal;
    }

    /** Events pushed but held back for lack of demand. */
    public int unsent() {
      return unsent.size();
    }

    /** Pushes events; they reach the reader as far as it requested them. */
    public void push(FanOutEvent... events) {
      unsent.addAll(List.of(events));
      flush();
    }

    /** Ends the subscription: normally when {@code error} is null. */
    public void end(Throwable error) {
      ended = true;
      listener.onEnd(error);
    }

    /**
     * Delivers an event even after cancel or without demand, as a late SDK thread might; the reader
     * must ignore it.
     */
    public void deliverLate(FanOutEvent event) {
      listener.onEvent(event);
    }

    @Override
    public void request(long events) {
      demand += events;
      requestedTotal += events;
      flush();
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    private void flush() {
      while (demand > 0 && !unsent.isEmpty() && !cancelled && !ended) {
        demand--;
        listener.onEvent(unsent.poll());
      }
    }
  }
}
