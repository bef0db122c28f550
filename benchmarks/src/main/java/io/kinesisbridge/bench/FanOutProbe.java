package io.kinesisbridge.bench;

import io.kinesisbridge.common.aws.AsyncClientOptions;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.testkit.KinesisStreams;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A bare AWS SDK subscriber on every shard of a stream, with its own stream consumer and no
 * connector: the lag it sees is what the emulator itself gives enhanced fan-out, the floor under
 * the connector's EFO lag. kinesis-mock pushes an event about once a second, so this floor is far
 * above real Kinesis's ~70 ms; comparing the two distributions shows what the connector adds.
 *
 * <p>One subscription per shard for the lag phase only: it ends after five minutes and is not
 * renewed, so keep {@code duration.s} under that.
 */
final class FanOutProbe implements AutoCloseable {

  private final LatencyRecorder lagMillis = new LatencyRecorder();
  private final KinesisAsyncClient subscriptions;
  private final List<CompletableFuture<Void>> running = new ArrayList<>();
  private volatile long measureSentFromMillis = Long.MAX_VALUE;

  private FanOutProbe(KinesisAsyncClient subscriptions) {
    this.subscriptions = subscriptions;
  }

  /** Registers the consumer {@code bench-probe} on {@code stream} and subscribes to its shards. */
  static FanOutProbe start(AwsClientFactory clients, KinesisClient control, String stream)
      throws InterruptedException {
    String streamArn =
        control
            .describeStreamSummary(b -> b.streamName(stream))
            .streamDescriptionSummary()
            .streamARN();
    control.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("bench-probe"));
    String consumerArn = null;
    while (consumerArn == null) {
      var consumer =
          control
              .describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("bench-probe"))
              .consumerDescription();
      if (consumer.consumerStatus() == ConsumerStatus.ACTIVE) {
        consumerArn = consumer.consumerARN();
      } else {
        Thread.sleep(200);
      }
    }
    FanOutProbe probe = new FanOutProbe(clients.kinesisAsync(AsyncClientOptions.enhancedFanOut()));
    for (Shard shard : KinesisStreams.listShards(control, stream)) {
      probe.running.add(probe.subscribe(consumerArn, shard.shardId()));
    }
    return probe;
  }

  private CompletableFuture<Void> subscribe(String consumerArn, String shardId) {
    SubscribeToShardResponseHandler handler =
        SubscribeToShardResponseHandler.builder()
            .subscriber(
                event -> {
                  if (event instanceof SubscribeToShardEvent records) {
                    long now = System.currentTimeMillis();
                    records
                        .records()
                        .forEach(
                            r -> take(now, StampedRecords.sentMillisOf(r.data().asByteArray())));
                  }
                })
            .build();
    return subscriptions.subscribeToShard(
        b ->
            b.consumerARN(consumerArn)
                .shardId(shardId)
                .startingPosition(p -> p.type(ShardIteratorType.LATEST)),
        handler);
  }

  private void take(long nowMillis, long sentMillis) {
    if (sentMillis >= measureSentFromMillis) {
      lagMillis.add(nowMillis - sentMillis);
    }
  }

  /** From now on, records sent at or after {@code millis} count. */
  void measureLagOfRecordsSentFrom(long millis) {
    measureSentFromMillis = millis;
  }

  LatencyRecorder lagMillis() {
    return lagMillis;
  }

  /** Ends the subscriptions first: closing the client under open streams stalls its event loop. */
  @Override
  public void close() {
    running.forEach(subscription -> subscription.cancel(true));
    subscriptions.close();
  }
}
