package io.kinesisbridge.firehose.client;

import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Firehose calls the sink makes. Tasks use {@link SdkFirehosePort}; unit tests use a fake that
 * can fail on demand. All calls are asynchronous: the task thread never waits on the network.
 */
public interface FirehosePort extends AutoCloseable {

  /**
   * PutRecordBatch of {@code records} (at most 500 and 4 MiB) to {@code deliveryStream}. The
   * response may carry per-record failures; the future fails when the whole call fails.
   */
  CompletableFuture<PutRecordBatchResponse> putRecordBatch(
      String deliveryStream, List<Record> records);

  /** Status and source type of {@code deliveryStream} (DescribeDeliveryStream). */
  CompletableFuture<DeliveryStreamInfo> describe(String deliveryStream);

  @Override
  void close();
}
