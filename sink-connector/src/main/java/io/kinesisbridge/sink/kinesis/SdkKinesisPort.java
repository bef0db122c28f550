package io.kinesisbridge.sink.kinesis;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.kinesis.ShardLister;
import io.kinesisbridge.common.kinesis.ShardRange;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link KinesisPort} on the AWS SDK's async client, built by the shared client factory. */
public final class SdkKinesisPort implements KinesisPort {

  private final AwsClientFactory clients;
  private final KinesisAsyncClient kinesis;

  /** Builds the async client from {@code clients}; this port closes both. */
  public SdkKinesisPort(AwsClientFactory clients) {
    this.clients = clients;
    this.kinesis = clients.kinesisAsync();
  }

  @Override
  public CompletableFuture<PutRecordsResponse> putRecords(
      String stream, List<PutRecordsRequestEntry> entries) {
    return kinesis.putRecords(b -> b.streamName(stream).records(entries));
  }

  @Override
  public CompletableFuture<List<ShardRange>> listOpenShards(String stream) {
    return ShardLister.listOpen(kinesis, stream);
  }

  @Override
  public CompletableFuture<StreamInfo> describe(String stream) {
    return kinesis
        .describeStreamSummary(b -> b.streamName(stream))
        .thenApply(response -> toInfo(response.streamDescriptionSummary()));
  }

  private static StreamInfo toInfo(StreamDescriptionSummary summary) {
    Integer kib = summary.maxRecordSizeInKiB();
    int maxBytes = kib == null || kib <= 0 ? StreamInfo.DEFAULT_MAX_RECORD_BYTES : kib * 1024;
    return new StreamInfo(summary.streamName(), summary.streamStatusAsString(), maxBytes);
  }

  @Override
  public void close() {
    kinesis.close();
    clients.close();
  }
}
