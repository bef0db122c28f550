package io.kinesisbridge.common.kinesis;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Lists a stream's shards with ListShards, following pagination. */
public final class ShardLister {

  private ShardLister() {}

  /**
   * Every shard of {@code stream} (open and closed, within retention), asked by ARN when the stream
   * was given by ARN.
   */
  public static CompletableFuture<List<Shard>> listAll(
      KinesisAsyncClient kinesis, StreamRef stream) {
    return page(kinesis, firstPage(stream), new ArrayList<>());
  }

  /** The first ListShards request for {@code stream}: by ARN when known, else by name. */
  public static ListShardsRequest firstPage(StreamRef stream) {
    return ListShardsRequest.builder()
        .streamName(stream.streamNameParameter())
        .streamARN(stream.streamArnParameter())
        .build();
  }

  /** The open shards of {@code stream}: those without an ending sequence number. */
  public static CompletableFuture<List<ShardRange>> listOpen(
      KinesisAsyncClient kinesis, StreamRef stream) {
    return listAll(kinesis, stream).thenApply(ShardLister::openRanges);
  }

  /** The open shards among {@code shards}, as hash ranges. */
  public static List<ShardRange> openRanges(List<Shard> shards) {
    List<ShardRange> open = new ArrayList<>();
    for (Shard shard : shards) {
      if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
        open.add(
            new ShardRange(
                shard.shardId(),
                new BigInteger(shard.hashKeyRange().startingHashKey()),
                new BigInteger(shard.hashKeyRange().endingHashKey())));
      }
    }
    return open;
  }

  private static CompletableFuture<List<Shard>> page(
      KinesisAsyncClient kinesis, ListShardsRequest request, List<Shard> soFar) {
    return kinesis
        .listShards(request)
        .thenCompose(
            (ListShardsResponse response) -> {
              soFar.addAll(response.shards());
              if (response.nextToken() == null) {
                return CompletableFuture.completedFuture(soFar);
              }
              // With a token, ListShards must not be given the stream name or ARN again.
              ListShardsRequest next =
                  ListShardsRequest.builder().nextToken(response.nextToken()).build();
              return page(kinesis, next, soFar);
            });
  }
}
