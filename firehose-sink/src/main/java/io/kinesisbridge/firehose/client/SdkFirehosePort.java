package io.kinesisbridge.firehose.client;

import io.kinesisbridge.common.aws.AwsClientFactory;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link FirehosePort} on the AWS SDK's async client, built by the shared client factory. */
public final class SdkFirehosePort implements FirehosePort {

  private final AwsClientFactory clients;
  private final FirehoseAsyncClient firehose;

  /** Builds the async client from {@code clients}; this port closes both. */
  public SdkFirehosePort(AwsClientFactory clients) {
    this.clients = clients;
    this.firehose = clients.firehoseAsync();
  }

  @Override
  public CompletableFuture<PutRecordBatchResponse> putRecordBatch(
      String deliveryStream, List<Record> records) {
    return firehose.putRecordBatch(b -> b.deliveryStreamName(deliveryStream).records(records));
  }

  @Override
  public CompletableFuture<DeliveryStreamInfo> describe(String deliveryStream) {
    return firehose
        .describeDeliveryStream(b -> b.deliveryStreamName(deliveryStream))
        .thenApply(response -> DeliveryStreamInfo.of(response.deliveryStreamDescription()));
  }

  @Override
  public void close() {
    firehose.close();
    clients.close();
  }
}
