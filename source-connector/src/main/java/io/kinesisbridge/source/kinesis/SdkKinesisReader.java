package io.kinesisbridge.source.kinesis;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
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
 */
public final class SdkKinesisReader implements KinesisReaderPort {

  private final KinesisClient client;

  /** Wraps {@code client}, which this reader closes. */
  public SdkKinesisReader(KinesisClient client) {
    this.client = client;
  }

  @Override
  public List<ShardInfo> listShards(String stream) {
    List<ShardInfo> shards = new ArrayList<>();
    ListShardsRequest request = ListShardsRequest.builder().streamName(stream).build();
    while (true) {
      ListShardsResponse response = client.listShards(request);
      for (Shard shard : response.shards()) {
        shards.add(toInfo(stream, shard));
      }
      if (response.nextToken() == null) {
        return shards;
      }
      // With a token, ListShards must not be given the stream name again.
      request = ListShardsRequest.builder().nextToken(response.nextToken()).build();
    }
  }

  private static ShardInfo toInfo(String stream, Shard shard) {
    return new ShardInfo(
        stream,
        shard.shardId(),
        shard.parentShardId(),
        shard.adjacentParentShardId(),
        shard.sequenceNumberRange().endingSequenceNumber() != null);
  }

  @Override
  public String shardIterator(ShardKey shard, StartPosition position) {
    GetShardIteratorRequest.Builder request =
        GetShardIteratorRequest.builder()
            .streamName(shard.stream())
            .shardId(shard.shardId())
            .shardIteratorType(ShardIteratorType.fromValue(position.kind().name()));
    if (position.sequenceNumber() != null) {
      request.startingSequenceNumber(position.sequenceNumber());
    }
    if (position.timestamp() != null) {
      request.timestamp(position.timestamp());
    }
    return client.getShardIterator(request.build()).shardIterator();
  }

  @Override
  public RecordBatch getRecords(String iterator, int limit) {
    GetRecordsResponse response;
    try {
      response = client.getRecords(b -> b.shardIterator(iterator).limit(limit));
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

  @Override
  public void close() {
    client.close();
  }
}
