package io.kinesisbridge.source.kinesis;

import io.kinesisbridge.common.kinesis.ShardLister;
import io.kinesisbridge.common.kinesis.StreamRef;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link KinesisReaderPort} on the SDK's synchronous client. Synchronous is enough: a task reads
 * its shards one call at a time on its own thread, so the thread count never grows with the shards.
 * A stream configured by ARN is asked for by {@code StreamARN} on every call, which is what reaches
 * a stream in another account.
 */
public final class SdkKinesisReader implements KinesisReaderPort {

  private final KinesisClient client;
  private final StreamRefs streams;

  /** Wraps {@code client}, which this reader closes, for the connector's {@code streams}. */
  public SdkKinesisReader(KinesisClient client, StreamRefs streams) {
    this.client = client;
    this.streams = streams;
  }

  @Override
  public List<ShardInfo> listShards(String stream) {
    List<ShardInfo> shards = new ArrayList<>();
    ListShardsRequest request = ShardLister.firstPage(streams.get(stream));
    while (true) {
      ListShardsResponse response = client.listShards(request);
      for (Shard shard : response.shards()) {
        shards.add(toInfo(stream, shard));
      }
      if (response.nextToken() == null) {
        return shards;
      }
      // With a token, ListShards must not be given the stream name or ARN again.
      request = ListShardsRequest.builder().nextToken(response.nextToken()).build();
    }
  }

  private static ShardInfo toInfo(String stream, Shard shard) {
    return new ShardInfo(
        stream,
        shard.shardId(),
        shard.parentShardId(),
        shard.adjacentParentShardId(),
        shard.sequenceNumberRange().endingSequenceNumber() != null,
        hashKeyRange(shard.hashKeyRange()));
  }

  /** The range ListShards reported, or null when it reported none (some emulators). */
  static HashKeyRange hashKeyRange(
      software.amazon.awssdk.services.kinesis.model.HashKeyRange range) {
    if (range == null || range.startingHashKey() == null || range.endingHashKey() == null) {
      return null;
    }
    return HashKeyRange.of(range.startingHashKey(), range.endingHashKey());
  }

  @Override
  public String shardIterator(ShardKey shard, StartPosition position) {
    return client.getShardIterator(shardIteratorRequest(shard, position)).shardIterator();
  }

  /** The GetShardIterator request: by ARN when the stream was configured by ARN. */
  private GetShardIteratorRequest shardIteratorRequest(ShardKey shard, StartPosition position) {
    StreamRef stream = streams.get(shard.stream());
    GetShardIteratorRequest.Builder request =
        GetShardIteratorRequest.builder()
            .streamName(stream.streamNameParameter())
            .streamARN(stream.streamArnParameter())
            .shardId(shard.shardId())
            .shardIteratorType(ShardIteratorType.fromValue(position.kind().name()));
    if (position.sequenceNumber() != null) {
      request.startingSequenceNumber(position.sequenceNumber());
    }
    if (position.timestamp() != null) {
      request.timestamp(position.timestamp());
    }
    return request.build();
  }

  @Override
  public RecordBatch getRecords(ShardKey shard, String iterator, int limit) {
    GetRecordsResponse response;
    try {
      response = client.getRecords(getRecordsRequest(shard, iterator, limit));
    } catch (ProvisionedThroughputExceededException e) {
      throw new ReadThrottledException(e.getMessage(), e);
    } catch (ExpiredIteratorException e) {
      throw new IteratorExpiredException(e.getMessage(), e);
    }
    List<KinesisRecordData> records = new ArrayList<>(response.records().size());
    for (Record record : response.records()) {
      records.add(KinesisRecordData.of(record));
    }
    Long behind = response.millisBehindLatest();
    return new RecordBatch(records, response.nextShardIterator(), behind == null ? 0 : behind);
  }

  /**
   * The GetRecords request. The iterator alone names the shard, but a cross-account read must also
   * carry the stream's ARN: the resource-based policy is checked against it.
   */
  private GetRecordsRequest getRecordsRequest(ShardKey shard, String iterator, int limit) {
    return GetRecordsRequest.builder()
        .streamARN(streams.get(shard.stream()).streamArnParameter())
        .shardIterator(iterator)
        .limit(limit)
        .build();
  }

  @Override
  public void close() {
    client.close();
  }
}
