package io.kinesisbridge.source.kinesis;

/**
 * A running SubscribeToShard call. Events flow only as far as they are requested, which bounds what
 * a task buffers per shard.
 */
public interface ShardSubscription {

  /** Allows {@code events} more events to arrive. */
  void request(long events);

  /** Ends the subscription; no event arrives after this returns. */
  void cancel();
}
