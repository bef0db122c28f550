package io.kinesisbridge.source;

import io.kinesisbridge.source.kinesis.IteratorExpiredException;
import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.KinesisRecordData;
import io.kinesisbridge.source.kinesis.ReadThrottledException;
import io.kinesisbridge.source.kinesis.RecordBatch;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.StartPosition;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-written in-memory Kinesis for unit tests: shards with records, iterators as {@code
 * stream|shard|index}, and throttling or iterator expiry on demand. Like Kinesis, a closed shard
 * returns a null next iterator only once a call starts at its end.
 */
public final class FakeKinesisReader implements KinesisReaderPort {

  private final Map<ShardKey, ShardInfo> shards = new LinkedHashMap<>();
  private final Map<ShardKey, List<KinesisRecordData>> records = new LinkedHashMap<>();
  private final java.util.ArrayDeque<RuntimeException> failures = new java.util.ArrayDeque<>();
  private final java.util.concurrent.ConcurrentLinkedQueue<RuntimeException> listingFailures =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private int throttleNext;
  private int expireNext;
  private int getRecordsCalls;
  private final List<StartPosition> iteratorRequests = new ArrayList<>();
  private boolean closed;
  private final Map<ShardKey, Integer> trimmed = new LinkedHashMap<>();
  private java.util.function.LongSupplier arrivalMillis;
  private final java.util.Set<String> deletedStreams = new java.util.HashSet<>();
  private final java.util.Set<ShardKey> agedOut = new java.util.HashSet<>();

  /** Adds a shard. */
  public FakeKinesisReader shard(ShardInfo shard) {
    shards.put(shard.key(), shard);
    records.put(shard.key(), new ArrayList<>());
    return this;
  }

  /** Appends a record with the next sequence number of the shard. */
  public KinesisRecordData put(ShardKey shard, String partitionKey, byte[] data) {
    List<KinesisRecordData> list = records.get(shard);
    String sequence = BigInteger.valueOf(49_000_000L + list.size() * 10L).toString();
    long arrival = arrivalMillis == null ? 1_000 + list.size() : arrivalMillis.getAsLong();
    KinesisRecordData record =
        new KinesisRecordData(sequence, partitionKey, data, Instant.ofEpochMilli(arrival));
    list.add(record);
    return record;
  }

  /** Stamps records put from now on with {@code millis} as their arrival time. */
  public void arrivalClock(java.util.function.LongSupplier millis) {
    arrivalMillis = millis;
  }

  /** Marks a shard closed (it got children). */
  public void close(ShardKey shard) {
    ShardInfo info = shards.get(shard);
    shards.put(
        shard,
        new ShardInfo(
            info.stream(),
            info.shardId(),
            info.parentShardId(),
            info.adjacentParentShardId(),
            true,
            info.hashKeyRange()));
  }

  /**
   * Drops the first {@code count} records of the shard as retention would: TRIM_HORIZON starts
   * after them and asking for one of them by sequence number is refused.
   */
  public void trim(ShardKey shard, int count) {
    trimmed.put(shard, count);
  }

  /** Deletes the stream: every call about it fails with ResourceNotFoundException. */
  public void deleteStream(String stream) {
    deletedStreams.add(stream);
  }

  /**
   * The closed shard passed the stream's retention: ListShards leaves it out and calls about it
   * fail with ResourceNotFoundException.
   */
  public void ageOut(ShardKey shard) {
    agedOut.add(shard);
  }

  private void checkExists(ShardKey shard) {
    if (deletedStreams.contains(shard.stream()) || agedOut.contains(shard)) {
      throw notFound(shard.toString());
    }
  }

  private static RuntimeException notFound(String what) {
    return software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException.builder()
        .message(what + " not found")
        .awsErrorDetails(
            software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                .errorCode("ResourceNotFoundException")
                .build())
        .statusCode(400)
        .build();
  }

  /** The next {@code calls} GetRecords calls are throttled. */
  public void throttleNext(int calls) {
    throttleNext = calls;
  }

  /** The next GetRecords calls fail with {@code errors}, one each, in order. */
  public void failNext(RuntimeException... errors) {
    failures.addAll(List.of(errors));
  }

  /** The next {@code calls} GetRecords calls find their iterator expired. */
  public void expireNext(int calls) {
    expireNext = calls;
  }

  /** GetRecords calls that returned records or an end. */
  public int getRecordsCalls() {
    return getRecordsCalls;
  }

  /** Every position a shard iterator was asked for. */
  public List<StartPosition> iteratorRequests() {
    return iteratorRequests;
  }

  /** Whether {@link #close()} ran. */
  public boolean isClosed() {
    return closed;
  }

  private volatile RuntimeException listingOutage;

  /** Every ListShards call fails with {@code error} until {@link #endListingOutage()}. */
  public void beginListingOutage(RuntimeException error) {
    listingOutage = error;
  }

  /** ListShards answers again. */
  public void endListingOutage() {
    listingOutage = null;
  }

  /** The next ListShards calls fail with {@code errors}, one each, in order. */
  public void failListingNext(RuntimeException... errors) {
    listingFailures.addAll(List.of(errors));
  }

  @Override
  public List<ShardInfo> listShards(String stream) {
    RuntimeException outage = listingOutage;
    if (outage != null) {
      throw outage;
    }
    RuntimeException failure = listingFailures.poll();
    if (failure != null) {
      throw failure;
    }
    if (deletedStreams.contains(stream)) {
      throw notFound("Stream " + stream);
    }
    return shards.values().stream()
        .filter(s -> s.stream().equals(stream) && !agedOut.contains(s.key()))
        .toList();
  }

  @Override
  public String shardIterator(ShardKey shard, StartPosition position) {
    iteratorRequests.add(position);
    checkExists(shard);
    List<KinesisRecordData> list = records.get(shard);
    int horizon = trimmed.getOrDefault(shard, 0);
    int index =
        switch (position.kind()) {
          case TRIM_HORIZON -> horizon;
          case LATEST -> list.size();
          case AT_TIMESTAMP -> firstIndex(list, r -> !r.arrival().isBefore(position.timestamp()));
          case AT_SEQUENCE_NUMBER ->
              firstIndex(
                  list,
                  r ->
                      new BigInteger(r.sequenceNumber())
                              .compareTo(new BigInteger(position.sequenceNumber()))
                          >= 0);
          case AFTER_SEQUENCE_NUMBER ->
              firstIndex(
                  list,
                  r ->
                      new BigInteger(r.sequenceNumber())
                              .compareTo(new BigInteger(position.sequenceNumber()))
                          > 0);
        };
    if (index < horizon) {
      throw software.amazon.awssdk.services.kinesis.model.InvalidArgumentException.builder()
          .message("StartingSequenceNumber " + position.sequenceNumber() + " is not in the shard")
          .build();
    }
    return shard.stream() + "|" + shard.shardId() + "|" + index;
  }

  private static int firstIndex(
      List<KinesisRecordData> list, java.util.function.Predicate<KinesisRecordData> test) {
    for (int i = 0; i < list.size(); i++) {
      if (test.test(list.get(i))) {
        return i;
      }
    }
    return list.size();
  }

  @Override
  public RecordBatch getRecords(ShardKey shard, String iterator, int limit) {
    if (throttleNext > 0) {
      throttleNext--;
      throw new ReadThrottledException("Rate exceeded for shard", null);
    }
    if (!failures.isEmpty()) {
      throw failures.poll();
    }
    if (expireNext > 0) {
      expireNext--;
      throw new IteratorExpiredException("Iterator expired", null);
    }
    checkExists(shard);
    getRecordsCalls++;
    String[] parts = iterator.split("\\|");
    ShardKey key = new ShardKey(parts[0], parts[1]);
    if (!key.equals(shard)) {
      throw new AssertionError("GetRecords for " + shard + " with an iterator of " + key);
    }
    int index = Integer.parseInt(parts[2]);
    List<KinesisRecordData> list = records.get(key);
    if (shards.get(key).closed() && index >= list.size()) {
      return new RecordBatch(List.of(), null, 0);
    }
    int end = Math.min(list.size(), index + limit);
    List<KinesisRecordData> batch = List.copyOf(list.subList(index, end));
    return new RecordBatch(batch, key.stream() + "|" + key.shardId() + "|" + end, 0);
  }

  @Override
  public void close() {
    closed = true;
  }
}
