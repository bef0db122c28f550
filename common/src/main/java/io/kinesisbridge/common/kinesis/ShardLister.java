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

  /** Every shard of {@code stream} (open and closed, within retention). */
  public static CompletableFuture<List<Shard>> listAll(KinesisAsyncClient kinesis, String stream) {
    return page(kinesis, ListShardsRequest.builder().streamName(stream).build(), new ArrayList<>());
  }

  /** The open shards of {@code stream}: those without an ending sequence number. */
  public static CompletableFuture<List<ShardRange>> listOpen(
      KinesisAsyncClient kinesis, String stream) {
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
              // With a token, ListShards must not be given the stream name again.
              ListShardsRequest next =
                  ListShardsRequest.builder().nextToken(response.nextToken()).build();
              return page(kinesis, next, soFar);
            });
  }
}
