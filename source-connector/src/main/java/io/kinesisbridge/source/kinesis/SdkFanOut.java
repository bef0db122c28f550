package io.kinesisbridge.source.kinesis;

import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.common.kinesis.StreamRef;
import org.apache.kafka.connect.errors.ConnectException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@link FanOutPort} on the SDK: control-plane calls on the synchronous client, SubscribeToShard on
 * an HTTP/2 async client whose Netty event loop serves every subscription, so threads do not grow
 * with the shards.
 */
public final class SdkFanOut implements FanOutPort {

  /** A new consumer usually turns ACTIVE within seconds; give up after this. */
  static final Duration ACTIVATION_TIMEOUT = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(SdkFanOut.class);

  private final KinesisClient control;
  private final KinesisAsyncClient subscriptions;
  private final StreamRefs streams;
  private final Runnable afterClose;
  private final LookupRetry retry;

  /**
   * Wraps both clients, which this port closes.
   *
   * @param streams the connector's streams, to register consumers on the configured ARNs
   * @param afterClose runs once both clients are closed, e.g. to close their factory
   */
  public SdkFanOut(
      KinesisClient control,
      KinesisAsyncClient subscriptions,
      StreamRefs streams,
      Runnable afterClose) {
    this(control, subscriptions, streams, afterClose, LookupRetry.standard());
  }

  /**
   * As above, retrying the consumer lookup with {@code retry}; tests pass one that never sleeps.
   */
  SdkFanOut(
      KinesisClient control,
      KinesisAsyncClient subscriptions,
      StreamRefs streams,
      Runnable afterClose,
      LookupRetry retry) {
    this.control = control;
    this.subscriptions = subscriptions;
    this.streams = streams;
    this.afterClose = afterClose;
    this.retry = retry;
  }

  @Override
  public String activeConsumer(String stream, String consumerName) {
    String streamArn = streamArn(stream);
    ConsumerDescription consumer = describeOrRegister(stream, streamArn, consumerName);
    long deadline = System.nanoTime() + ACTIVATION_TIMEOUT.toNanos();
    while (consumer.consumerStatus() != ConsumerStatus.ACTIVE) {
      if (consumer.consumerStatus() == ConsumerStatus.DELETING) {
        throw new ConnectException(
            "The stream consumer '"
                + consumerName
                + "' of "
                + stream
                + " is being deleted;"
                + " wait until it is gone or set another kinesis.efo.consumer.name.");
      }
      if (System.nanoTime() > deadline) {
        throw new ConnectException(
            "The stream consumer '"
                + consumerName
                + "' of "
                + stream
                + " did not become ACTIVE"
                + " within "
                + ACTIVATION_TIMEOUT.toSeconds()
                + " s (still "
                + consumer.consumerStatus()
                + ").");
      }
      pause();
      consumer = describeExisting(stream, streamArn, consumerName);
    }
    LOG.info("Reading {} through stream consumer {}", stream, consumer.consumerARN());
    return consumer.consumerARN();
  }

  /**
   * The stream's ARN: the configured one, which may name another account, or for a stream given by
   * name the one DescribeStreamSummary reports.
   */
  private String streamArn(String stream) {
    StreamRef ref = streams.get(stream);
    if (ref.streamArnParameter() != null) {
      return ref.streamArnParameter();
    }
    try {
      return controlCall(
          "DescribeStreamSummary",
          stream,
          () ->
              control
                  .describeStreamSummary(
                      DescribeStreamSummaryRequest.builder().streamName(ref.name()).build())
                  .streamDescriptionSummary()
                  .streamARN());
    } catch (ResourceNotFoundException e) {
      throw streamMissing(stream, e);
    }
  }

  private ConsumerDescription describeOrRegister(
      String stream, String streamArn, String consumerName) {
    try {
      return describe(stream, streamArn, consumerName);
    } catch (ResourceNotFoundException absent) {
      LOG.info("Registering stream consumer '{}' on {}", consumerName, streamArn);
      try {
        controlCall(
            "RegisterStreamConsumer", stream, () -> registerUnlessPresent(streamArn, consumerName));
      } catch (ResourceNotFoundException e) {
        throw streamMissing(stream, e);
      }
      return describeExisting(stream, streamArn, consumerName);
    }
  }

  private Void registerUnlessPresent(String streamArn, String consumerName) {
    try {
      control.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(consumerName));
    } catch (ResourceInUseException registeredMeanwhile) {
      LOG.debug("Consumer '{}' was registered by another task meanwhile", consumerName);
    }
    return null;
  }

  /** DescribeStreamConsumer of a consumer that must exist: gone means deleted meanwhile. */
  private ConsumerDescription describeExisting(
      String stream, String streamArn, String consumerName) {
    try {
      return describe(stream, streamArn, consumerName);
    } catch (ResourceNotFoundException e) {
      throw new ConnectException(
          "The stream consumer '"
              + consumerName
              + "' of stream '"
              + stream
              + "' disappeared while the task waited for it; was it deregistered?",
          e);
    }
  }

  private ConsumerDescription describe(String stream, String streamArn, String consumerName) {
    return controlCall(
        "DescribeStreamConsumer",
        stream,
        () ->
            control
                .describeStreamConsumer(b -> b.streamARN(streamArn).consumerName(consumerName))
                .consumerDescription());
  }

  /**
   * Runs a control-plane call with {@link LookupRetry}. A ResourceNotFoundException is passed on
   * for the caller to tell what is missing; any other fatal error becomes a plain message naming
   * the call and the stream.
   */
  private <T> T controlCall(String call, String stream, Supplier<T> request) {
    String what = call + " for stream '" + stream + "'";
    try {
      return retry.call(what, request);
    } catch (ResourceNotFoundException | ConnectException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConnectException(
          what + " failed: " + ErrorClassifier.classify(e).reason() + " (" + e.getMessage() + ")",
          e);
    }
  }

  private static ConnectException streamMissing(String stream, RuntimeException e) {
    return new ConnectException(
        "The stream '"
            + stream
            + "' does not exist (or not in this region/account): check the connector's streams"
            + " and region.",
        e);
  }

  private static void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while waiting for the stream consumer", e);
    }
  }

  @Override
  public ShardSubscription subscribe(
      String consumerArn, ShardKey shard, StartPosition from, SubscriptionListener listener) {
    StartingPosition.Builder position =
        StartingPosition.builder().type(from.kind().name()).sequenceNumber(from.sequenceNumber());
    if (from.timestamp() != null) {
      position.timestamp(from.timestamp());
    }
    EventSubscriber subscriber = new EventSubscriber(shard.stream(), listener);
    SubscribeToShardResponseHandler handler =
        SubscribeToShardResponseHandler.builder()
            .subscriber(() -> subscriber)
            .onError(subscriber::ended)
            .build();
    CompletableFuture<Void> call =
        subscriptions.subscribeToShard(
            b ->
                b.consumerARN(consumerArn)
                    .shardId(shard.shardId())
                    .startingPosition(position.build()),
            handler);
    subscriber.call = call;
    call.whenComplete((ignored, error) -> subscriber.ended(error));
    return subscriber;
  }

  @Override
  public void close() {
    subscriptions.close();
    control.close();
    afterClose.run();
  }

  /**
   * Bridges the SDK's event publisher to a {@link SubscriptionListener}: passes demand through,
   * converts events, and reports the end exactly once whichever of the SDK's signals comes first.
   */
  private static final class EventSubscriber
      implements Subscriber<SubscribeToShardEventStream>, ShardSubscription {

    private final String stream;
    private final SubscriptionListener listener;
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile CompletableFuture<Void> call;
    private Subscription upstream;
    private long pendingDemand;
    private boolean cancelled;

    EventSubscriber(String stream, SubscriptionListener listener) {
      this.stream = stream;
      this.listener = listener;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
      long demand;
      synchronized (this) {
        upstream = subscription;
        demand = pendingDemand;
        pendingDemand = 0;
        if (cancelled) {
          subscription.cancel();
          return;
        }
      }
      if (demand > 0) {
        subscription.request(demand);
      }
    }

    @Override
    public void request(long events) {
      Subscription target;
      synchronized (this) {
        if (upstream == null) {
          pendingDemand += events;
          return;
        }
        target = upstream;
      }
      target.request(events);
    }

    @Override
    public void cancel() {
      Subscription target;
      synchronized (this) {
        cancelled = true;
        target = upstream;
      }
      over.set(true);
      if (target != null) {
        target.cancel();
      }
      CompletableFuture<Void> running = call;
      if (running != null) {
        running.cancel(true);
      }
    }

    @Override
    public void onNext(SubscribeToShardEventStream event) {
      if (over.get() || !(event instanceof SubscribeToShardEvent shardEvent)) {
        return;
      }
      listener.onEvent(toEvent(shardEvent));
    }

    private FanOutEvent toEvent(SubscribeToShardEvent event) {
      List<KinesisRecordData> records = new ArrayList<>(event.records().size());
      for (Record record : event.records()) {
        records.add(KinesisRecordData.of(record));
      }
      List<ShardInfo> children = new ArrayList<>();
      for (ChildShard child : event.childShards()) {
        List<String> parents = child.parentShards();
        children.add(
            new ShardInfo(
                stream,
                child.shardId(),
                parents.isEmpty() ? null : parents.get(0),
                parents.size() > 1 ? parents.get(1) : null,
                false,
                SdkKinesisReader.hashKeyRange(child.hashKeyRange())));
      }
      Long behind = event.millisBehindLatest();
      return new FanOutEvent(
          records, event.continuationSequenceNumber(), behind == null ? 0 : behind, children);
    }

    @Override
    public void onError(Throwable error) {
      ended(error);
    }

    @Override
    public void onComplete() {
      ended(null);
    }

    void ended(Throwable error) {
      if (over.compareAndSet(false, true)) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
          cause = cause.getCause();
        }
        listener.onEnd(cause);
      }
    }
  }
}
