package io.kinesisbridge.testkit;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.time.Duration;
import java.time.Instant;

/** Stream set-up for tests and the demo: create a stream and wait until it is ACTIVE. */
public final class KinesisStreams {

  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

  private KinesisStreams() {}

  /** Creates {@code name} with {@code shards} shards and returns once it is ACTIVE. */
  public static void createActive(KinesisClient kinesis, String name, int shards) {
    kinesis.createStream(b -> b.streamName(name).shardCount(shards));
    awaitActive(kinesis, name);
  }

  /** Waits until {@code name} is ACTIVE, e.g. after a create or a reshard. */
  public static void awaitActive(KinesisClient kinesis, String name) {
    Instant deadline = Instant.now().plus(ACTIVE_TIMEOUT);
    while (true) {
      StreamStatus status =
          kinesis
              .describeStreamSummary(b -> b.streamName(name))
              .streamDescriptionSummary()
              .streamStatus();
      if (status == StreamStatus.ACTIVE) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "stream " + name + " is still " + status + " after " + ACTIVE_TIMEOUT);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
    }
  }
}
