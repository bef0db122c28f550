package io.kinesisbridge.sink.kinesis;

import io.kinesisbridge.common.kinesis.StreamRef;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The requests the SDK port builds: by StreamARN for a stream given by ARN, else by name. */
class SdkKinesisPortTest {

  private static final String CROSS_ACCOUNT =
      "arn:aws:kinesis:eu-west-1:210987654321:stream/orders";

  /** Records every request it is given and answers with an empty success. */
  private static final class RecordingClient implements KinesisAsyncClient {
    final List<Object> requests = new ArrayList<>();

    @Override
    public CompletableFuture<PutRecordsResponse> putRecords(PutRecordsRequest request) {
      requests.add(request);
      return CompletableFuture.completedFuture(PutRecordsResponse.builder().build());
    }

    @Override
    public CompletableFuture<ListShardsResponse> listShards(ListShardsRequest request) {
      requests.add(request);
      return CompletableFuture.completedFuture(ListShardsResponse.builder().build());
    }

    @Override
    public CompletableFuture<DescribeStreamSummaryResponse> describeStreamSummary(
        DescribeStreamSummaryRequest request) {
      requests.add(request);
      StreamDescriptionSummary summary =
          StreamDescriptionSummary.builder()
              .streamName("orders")
              .streamStatus(StreamStatus.ACTIVE)
              .build();
      return CompletableFuture.completedFuture(
          DescribeStreamSummaryResponse.builder().streamDescriptionSummary(summary).build());
    }

    @Override
    public String serviceName() {
      return "kinesis";
    }

    @Override
    public void close() {}
  }

  private final RecordingClient client = new RecordingClient();
  private final SdkKinesisPort port = new SdkKinesisPort(client, () -> {});

  private static List<PutRecordsRequestEntry> oneEntry() {
    return List.of(
        PutRecordsRequestEntry.builder()
            .partitionKey("k")
            .data(SdkBytes.fromUtf8String("v"))
            .build());
  }

  @Test
  void everyCallForACrossAccountArnCarriesTheArnAndNoName() {
    StreamRef stream = StreamRef.parse(CROSS_ACCOUNT);

    port.putRecords(stream, oneEntry()).join();
    port.listOpenShards(stream).join();
    port.describe(stream).join();

    PutRecordsRequest put = (PutRecordsRequest) client.requests.get(0);
    ListShardsRequest list = (ListShardsRequest) client.requests.get(1);
    DescribeStreamSummaryRequest describe = (DescribeStreamSummaryRequest) client.requests.get(2);
    assertThat(put.streamARN()).isEqualTo(CROSS_ACCOUNT);
    assertThat(put.streamName()).isNull();
    assertThat(put.records()).hasSize(1);
    assertThat(list.streamARN()).isEqualTo(CROSS_ACCOUNT);
    assertThat(list.streamName()).isNull();
    assertThat(describe.streamARN()).isEqualTo(CROSS_ACCOUNT);
    assertThat(describe.streamName()).isNull();
  }

  @Test
  void everyCallForANameCarriesTheNameAndNoArn() {
    StreamRef stream = StreamRef.parse("orders");

    port.putRecords(stream, oneEntry()).join();
    port.listOpenShards(stream).join();
    port.describe(stream).join();

    PutRecordsRequest put = (PutRecordsRequest) client.requests.get(0);
    ListShardsRequest list = (ListShardsRequest) client.requests.get(1);
    DescribeStreamSummaryRequest describe = (DescribeStreamSummaryRequest) client.requests.get(2);
    assertThat(put.streamName()).isEqualTo("orders");
    assertThat(put.streamARN()).isNull();
    assertThat(list.streamName()).isEqualTo("orders");
    assertThat(list.streamARN()).isNull();
    assertThat(describe.streamName()).isEqualTo("orders");
    assertThat(describe.streamARN()).isNull();
  }
}
