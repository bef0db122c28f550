package io.kinesisbridge.source.kinesis;

/**
 * The enhanced fan-out calls of the source, as a seam: production uses {@link SdkFanOut}, unit
 * tests a hand-written fake that pushes events and ends subscriptions on demand.
 */
public interface FanOutPort extends AutoCloseable {

  /**
   * The ARN of the stream consumer {@code consumerName} of {@code stream}, registering it when it
   * does not exist, once it is ACTIVE.
   *
   * @throws org.apache.kafka.connect.errors.ConnectException when it cannot be registered or does
   *     not become active in time
   */
  String activeConsumer(String stream, String consumerName);

  /**
   * Starts a SubscribeToShard call; events and the end go to {@code listener}. No event arrives
   * before {@link ShardSubscription#request(long)}.
   */
  ShardSubscription subscribe(
      String consumerArn, ShardKey shard, StartPosition from, SubscriptionListener listener);

  /** Releases the clients. */
  @Override
  void close();
}
