package io.kinesisbridge.testkit;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Stream set-up for tests and the demo: create a stream, wait until it is ACTIVE, list, put. */
public final class KinesisStreams {

  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);
  private static final int PUT_RECORDS_MAX_ENTRIES = 500;
  private static final int PUT_ATTEMPTS = 10;

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
      sleep(Duration.ofMillis(100), name);
    }
  }

  /**
   * Splits {@code shard} of {@code name} in the middle of its hash key range and returns once the
   * stream is ACTIVE again.
   */
  public static void splitInHalf(KinesisClient kinesis, String name, Shard shard) {
    BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
    BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
    kinesis.splitShard(
        b ->
            b.streamName(name)
                .shardToSplit(shard.shardId())
                .newStartingHashKey(start.add(end).shiftRight(1).toString()));
    awaitActive(kinesis, name);
  }

  /** The shards of {@code name} still open (no ending sequence number), in ListShards order. */
  public static List<Shard> openShards(KinesisClient kinesis, String name) {
    List<Shard> open = new ArrayList<>();
    for (Shard shard : listShards(kinesis, name)) {
      if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
        open.add(shard);
      }
    }
    return open;
  }

  /**
   * Every shard of {@code name}, open and closed, in ListShards order (parents before their
   * children), following ListShards' pagination.
   */
  public static List<Shard> listShards(KinesisClient kinesis, String name) {
    List<Shard> shards = new ArrayList<>();
    ListShardsResponse page = kinesis.listShards(b -> b.streamName(name));
    shards.addAll(page.shards());
    while (page.nextToken() != null) {
      // ListShards rejects the stream name together with a NextToken.
      String token = page.nextToken();
      page = kinesis.listShards(b -> b.nextToken(token));
      shards.addAll(page.shards());
    }
    return shards;
  }

  /**
   * Puts {@code entries} into {@code name} in PutRecords calls of at most 500, resending only the
   * entries a call reports as failed (kinesis-mock, like Kinesis, fails single entries inside a
   * successful call). Within one call, the entries of a partition key keep their order; a resend
   * may reorder them, so tests of ordering should not rely on this helper under throttling.
   *
   * @throws IllegalStateException when entries still fail after several attempts
   */
  public static void putAll(
      KinesisClient kinesis, String name, List<PutRecordsRequestEntry> entries) {
    for (int from = 0; from < entries.size(); from += PUT_RECORDS_MAX_ENTRIES) {
      List<PutRecordsRequestEntry> batch =
          entries.subList(from, Math.min(entries.size(), from + PUT_RECORDS_MAX_ENTRIES));
      putBatch(kinesis, name, batch);
    }
  }

  private static void putBatch(
      KinesisClient kinesis, String name, List<PutRecordsRequestEntry> batch) {
    List<PutRecordsRequestEntry> pending = batch;
    for (int attempt = 1; attempt <= PUT_ATTEMPTS; attempt++) {
      List<PutRecordsRequestEntry> toSend = pending;
      PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(name).records(toSend));
      if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
        return;
      }
      List<PutRecordsRequestEntry> failed = new ArrayList<>();
      List<PutRecordsResultEntry> results = response.records();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).errorCode() != null) {
          failed.add(toSend.get(i));
        }
      }
      if (failed.isEmpty()) {
        return;
      }
      pending = failed;
      sleep(Duration.ofMillis(100L * attempt), name);
    }
    throw new IllegalStateException(
        pending.size() + " records still fail after " + PUT_ATTEMPTS + " attempts into " + name);
  }

  private static void sleep(Duration duration, String name) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }
}
