package io.kinesisbridge.sink.kinesis;

import io.kinesisbridge.common.kinesis.ShardRange;
import io.kinesisbridge.common.kinesis.StreamRef;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Kinesis calls the sink makes. Tasks use {@link SdkKinesisPort}; unit tests use a fake that
 * can fail on demand. All calls are asynchronous: the task thread never waits on the network.
 *
 * <p>Streams are {@link StreamRef}s: a stream given by ARN is asked for by {@code StreamARN} on
 * every call, so streams in other accounts (with a resource-based policy) are reached.
 */
public interface KinesisPort extends AutoCloseable {

  /**
   * PutRecords of {@code entries} (at most 500, within the request size limit) to {@code stream}.
   * The response may carry per-entry failures; the future fails when the whole call fails.
   */
  CompletableFuture<PutRecordsResponse> putRecords(
      StreamRef stream, List<PutRecordsRequestEntry> entries);

  /** The open shards of {@code stream}. */
  CompletableFuture<List<ShardRange>> listOpenShards(StreamRef stream);

  /** Status and record size limit of {@code stream}. */
  CompletableFuture<StreamInfo> describe(StreamRef stream);

  @Override
  void close();
}
