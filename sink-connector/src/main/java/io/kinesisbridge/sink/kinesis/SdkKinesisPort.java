package io.kinesisbridge.sink.kinesis;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.kinesis.ShardLister;
import io.kinesisbridge.common.kinesis.ShardRange;
import io.kinesisbridge.common.kinesis.StreamRef;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link KinesisPort} on the AWS SDK's async client, built by the shared client factory. */
public final class SdkKinesisPort implements KinesisPort {

  private final KinesisAsyncClient kinesis;
  private final Runnable afterClose;

  /** Builds the async client from {@code clients}; this port closes both. */
  public SdkKinesisPort(AwsClientFactory clients) {
    this(clients.kinesisAsync(), clients::close);
  }

  /**
   * Wraps {@code kinesis}, which this port closes.
   *
   * @param afterClose runs once the client is closed, e.g. to close its factory
   */
  public SdkKinesisPort(KinesisAsyncClient kinesis, Runnable afterClose) {
    this.kinesis = kinesis;
    this.afterClose = afterClose;
  }

  @Override
  public CompletableFuture<PutRecordsResponse> putRecords(
      StreamRef stream, List<PutRecordsRequestEntry> entries) {
    return kinesis.putRecords(putRecordsRequest(stream, entries));
  }

  /** The PutRecords request: by ARN when the stream was given by ARN, else by name. */
  static PutRecordsRequest putRecordsRequest(
      StreamRef stream, List<PutRecordsRequestEntry> entries) {
    return PutRecordsRequest.builder()
        .streamName(stream.streamNameParameter())
        .streamARN(stream.streamArnParameter())
        .records(entries)
        .build();
  }

  @Override
  public CompletableFuture<List<ShardRange>> listOpenShards(StreamRef stream) {
    return ShardLister.listOpen(kinesis, stream);
  }

  @Override
  public CompletableFuture<StreamInfo> describe(StreamRef stream) {
    return kinesis
        .describeStreamSummary(describeRequest(stream))
        .thenApply(response -> toInfo(response.streamDescriptionSummary()));
  }

  /** The DescribeStreamSummary request: by ARN when the stream was given by ARN, else by name. */
  public static DescribeStreamSummaryRequest describeRequest(StreamRef stream) {
    return DescribeStreamSummaryRequest.builder()
        .streamName(stream.streamNameParameter())
        .streamARN(stream.streamArnParameter())
        .build();
  }

  private static StreamInfo toInfo(StreamDescriptionSummary summary) {
    Integer kib = summary.maxRecordSizeInKiB();
    int maxBytes = kib == null || kib <= 0 ? StreamInfo.DEFAULT_MAX_RECORD_BYTES : kib * 1024;
    return new StreamInfo(summary.streamName(), summary.streamStatusAsString(), maxBytes);
  }

  @Override
  public void close() {
    kinesis.close();
    afterClose.run();
  }
}
