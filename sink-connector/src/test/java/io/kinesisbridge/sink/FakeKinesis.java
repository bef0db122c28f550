package io.kinesisbridge.sink;

import io.kinesisbridge.common.aggregation.AggregateDecoder;
import io.kinesisbridge.common.aggregation.DeaggregatedRecord;
import io.kinesisbridge.common.aggregation.HashKeys;
import io.kinesisbridge.common.kinesis.ShardMap;
import io.kinesisbridge.common.kinesis.ShardRange;
import io.kinesisbridge.common.kinesis.StreamRef;
import io.kinesisbridge.sink.kinesis.KinesisPort;
import io.kinesisbridge.sink.kinesis.StreamInfo;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A hand-written Kinesis for unit tests: one stream of even shards, routing by hash key as Kinesis
 * does, storing what it accepts per shard, and failing entries or whole calls on demand.
 */
final class FakeKinesis implements KinesisPort {

  /** Decides an entry's fate: null accepts it, otherwise the error code to answer. */
  interface EntryFault extends BiFunction<Integer, PutRecordsRequestEntry, String> {}

  final String stream;
  volatile ShardMap shards;
  final int maxRecordBytes;
  final Map<String, List<PutRecordsRequestEntry>> stored = new LinkedHashMap<>();
  final List<List<PutRecordsRequestEntry>> calls = new ArrayList<>();

  /** Every entry stored, in the order Kinesis accepted them over all shards. */
  final List<PutRecordsRequestEntry> arrivals = new ArrayList<>();

  /** The stream each call was made for, as the port was given it (name or ARN). */
  final List<StreamRef> streamsCalled = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The names of the streams written to. */
  final Set<String> streamsWritten = ConcurrentHashMap.newKeySet();

  volatile EntryFault entryFault = (call, entry) -> null;
  volatile RuntimeException callFailure;
  volatile RuntimeException describeFailure;

  /** How often the port was closed: a task owns it and must close it exactly once. */
  final java.util.concurrent.atomic.AtomicInteger closes =
      new java.util.concurrent.atomic.AtomicInteger();

  FakeKinesis(String stream, int shardCount, int maxRecordBytes) {
    this.stream = stream;
    this.shards = ShardMap.of(evenShards(shardCount));
    this.maxRecordBytes = maxRecordBytes;
    shards.shards().forEach(s -> stored.put(s.shardId(), new ArrayList<>()));
  }

  /**
   * Replaces the open shards by {@code n} new even ones, as a reshard does: the old shards close,
   * and from now on entries are routed to the new ones.
   */
  synchronized void reshard(int n) {
    List<ShardRange> renamed = new ArrayList<>();
    for (ShardRange shard : evenShards(n)) {
      String id = "shardId-1" + shard.shardId().substring("shardId-1".length());
      renamed.add(new ShardRange(id, shard.startingHashKey(), shard.endingHashKey()));
      stored.put(id, new ArrayList<>());
    }
    shards = ShardMap.of(renamed);
  }

  /** How many Kinesis records (aggregates count once) were stored. */
  synchronized int arrivalCount() {
    return arrivals.size();
  }

  /** Every user record stored, deaggregated, in the order Kinesis accepted them. */
  synchronized List<DeaggregatedRecord> userRecordsInArrivalOrder() {
    List<DeaggregatedRecord> records = new ArrayList<>();
    for (PutRecordsRequestEntry entry : arrivals) {
      records.addAll(AggregateDecoder.decode(entry.partitionKey(), entry.data().asByteArray()));
    }
    return records;
  }

  static List<ShardRange> evenShards(int n) {
    BigInteger slice = BigInteger.TWO.pow(128).divide(BigInteger.valueOf(n));
    List<ShardRange> ranges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BigInteger start = slice.multiply(BigInteger.valueOf(i));
      BigInteger end =
          i == n - 1 ? HashKeys.MAX_HASH_KEY : start.add(slice).subtract(BigInteger.ONE);
      ranges.add(new ShardRange(String.format("shardId-%012d", i), start, end));
    }
    return ranges;
  }

  @Override
  public synchronized CompletableFuture<PutRecordsResponse> putRecords(
      StreamRef target, List<PutRecordsRequestEntry> entries) {
    streamsCalled.add(target);
    calls.add(List.copyOf(entries));
    streamsWritten.add(target.name());
    if (callFailure != null) {
      return CompletableFuture.failedFuture(callFailure);
    }
    List<PutRecordsResultEntry> results = new ArrayList<>();
    int failed = 0;
    for (PutRecordsRequestEntry entry : entries) {
      String error = entryFault.apply(calls.size(), entry);
      if (error != null) {
        failed++;
        results.add(
            PutRecordsResultEntry.builder().errorCode(error).errorMessage("injected").build());
        continue;
      }
      BigInteger hash = HashKeys.effectiveHashKey(entry.partitionKey(), entry.explicitHashKey());
      String shard = shards.shardFor(hash).orElseThrow().shardId();
      stored.get(shard).add(entry);
      arrivals.add(entry);
      results.add(PutRecordsResultEntry.builder().shardId(shard).sequenceNumber("1").build());
    }
    return CompletableFuture.completedFuture(
        PutRecordsResponse.builder().failedRecordCount(failed).records(results).build());
  }

  @Override
  public synchronized CompletableFuture<List<ShardRange>> listOpenShards(StreamRef target) {
    streamsCalled.add(target);
    return CompletableFuture.completedFuture(shards.shards());
  }

  @Override
  public CompletableFuture<StreamInfo> describe(StreamRef target) {
    streamsCalled.add(target);
    if (describeFailure != null) {
      return CompletableFuture.failedFuture(describeFailure);
    }
    return CompletableFuture.completedFuture(
        new StreamInfo(target.name(), "ACTIVE", maxRecordBytes));
  }

  /** Every user record stored, per shard in arrival order, deaggregated. */
  synchronized Map<String, List<DeaggregatedRecord>> userRecordsByShard() {
    Map<String, List<DeaggregatedRecord>> result = new LinkedHashMap<>();
    stored.forEach(
        (shard, entries) -> {
          List<DeaggregatedRecord> records = new ArrayList<>();
          for (PutRecordsRequestEntry entry : entries) {
            records.addAll(
                AggregateDecoder.decode(entry.partitionKey(), entry.data().asByteArray()));
          }
          result.put(shard, records);
        });
    return result;
  }

  synchronized int storedEntries() {
    return stored.values().stream().mapToInt(List::size).sum();
  }

  @Override
  public void close() {
    closes.incrementAndGet();
  }
}
