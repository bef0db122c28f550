package io.kinesisbridge.source.kinesis;

import io.kinesisbridge.common.kinesis.StreamRef;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamConsumerRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamConsumerResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.RegisterStreamConsumerRequest;
import software.amazon.awssdk.services.kinesis.model.RegisterStreamConsumerResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests the SDK adapters build: every call about a stream configured by ARN carries the ARN
 * as it was given (another account's included), never only the name.
 */
class SdkRequestsTest {

  private static final String CROSS_ACCOUNT =
      "arn:aws:kinesis:us-east-1:210987654321:stream/orders";
  private static final String CONSUMER_ARN = CROSS_ACCOUNT + "/consumer/bridge:1700000000";
  private static final ShardKey SHARD = new ShardKey("orders", "shardId-000000000000");

  /** A synchronous client that records requests and answers as an existing stream would. */
  private static final class RecordingClient implements KinesisClient {
    final List<Object> requests = new ArrayList<>();
    boolean consumerRegistered;

    @Override
    public ListShardsResponse listShards(ListShardsRequest request) {
      requests.add(request);
      return ListShardsResponse.builder().build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
      requests.add(request);
      return GetShardIteratorResponse.builder().shardIterator("iterator-1").build();
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
      requests.add(request);
      return GetRecordsResponse.builder().nextShardIterator("iterator-2").build();
    }

    @Override
    public DescribeStreamSummaryResponse describeStreamSummary(
        DescribeStreamSummaryRequest request) {
      requests.add(request);
      return DescribeStreamSummaryResponse.builder()
          .streamDescriptionSummary(
              StreamDescriptionSummary.builder()
                  .streamARN(
                      "arn:aws:kinesis:us-east-1:000000000000:stream/" + request.streamName())
                  .build())
          .build();
    }

    @Override
    public RegisterStreamConsumerResponse registerStreamConsumer(
        RegisterStreamConsumerRequest request) {
      requests.add(request);
      consumerRegistered = true;
      return RegisterStreamConsumerResponse.builder().build();
    }

    @Override
    public DescribeStreamConsumerResponse describeStreamConsumer(
        DescribeStreamConsumerRequest request) {
      requests.add(request);
      if (!consumerRegistered) {
        throw ResourceNotFoundException.builder().message("no consumer").build();
      }
      return DescribeStreamConsumerResponse.builder()
          .consumerDescription(
              ConsumerDescription.builder()
                  .consumerARN(request.streamARN() + "/consumer/bridge:1700000000")
                  .consumerStatus(ConsumerStatus.ACTIVE)
                  .build())
          .build();
    }

    @Override
    public String serviceName() {
      return "kinesis";
    }

    @Override
    public void close() {}
  }

  /** An async client that records SubscribeToShard requests and never answers them. */
  private static final class RecordingAsyncClient implements KinesisAsyncClient {
    final List<SubscribeToShardRequest> subscriptions = new ArrayList<>();

    @Override
    public CompletableFuture<Void> subscribeToShard(
        SubscribeToShardRequest request, SubscribeToShardResponseHandler handler) {
      subscriptions.add(request);
      return new CompletableFuture<>();
    }

    @Override
    public String serviceName() {
      return "kinesis";
    }

    @Override
    public void close() {}
  }

  private final RecordingClient client = new RecordingClient();

  private static StreamRefs streams(String nameOrArn) {
    return StreamRefs.of(List.of(StreamRef.parse(nameOrArn)));
  }

  @Test
  void pollingCallsOfACrossAccountStreamCarryItsArnAndNoName() {
    SdkKinesisReader reader = new SdkKinesisReader(client, streams(CROSS_ACCOUNT));

    reader.listShards("orders");
    String iterator = reader.shardIterator(SHARD, StartPosition.trimHorizon());
    reader.getRecords(SHARD, iterator, 100);

    ListShardsRequest list = (ListShardsRequest) client.requests.get(0);
    GetShardIteratorRequest shardIterator = (GetShardIteratorRequest) client.requests.get(1);
    GetRecordsRequest getRecords = (GetRecordsRequest) client.requests.get(2);
    assertThat(list.streamARN()).isEqualTo(CROSS_ACCOUNT);
    assertThat(list.streamName()).isNull();
    assertThat(shardIterator.streamARN()).isEqualTo(CROSS_ACCOUNT);
    assertThat(shardIterator.streamName()).isNull();
    assertThat(shardIterator.shardId()).isEqualTo(SHARD.shardId());
    assertThat(getRecords.streamARN()).isEqualTo(CROSS_ACCOUNT);
    assertThat(getRecords.shardIterator()).isEqualTo("iterator-1");
    assertThat(getRecords.limit()).isEqualTo(100);
  }

  @Test
  void pollingCallsOfAStreamGivenByNameCarryTheNameAndNoArn() {
    SdkKinesisReader reader = new SdkKinesisReader(client, streams("orders"));

    reader.listShards("orders");
    reader.getRecords(SHARD, reader.shardIterator(SHARD, StartPosition.latest()), 10);

    ListShardsRequest list = (ListShardsRequest) client.requests.get(0);
    GetShardIteratorRequest shardIterator = (GetShardIteratorRequest) client.requests.get(1);
    GetRecordsRequest getRecords = (GetRecordsRequest) client.requests.get(2);
    assertThat(list.streamName()).isEqualTo("orders");
    assertThat(list.streamARN()).isNull();
    assertThat(shardIterator.streamName()).isEqualTo("orders");
    assertThat(shardIterator.streamARN()).isNull();
    assertThat(getRecords.streamARN()).isNull();
  }

  @Test
  void enhancedFanOutRegistersTheConsumerOnTheConfiguredArnWithoutDescribingTheStream() {
    RecordingAsyncClient async = new RecordingAsyncClient();
    SdkFanOut fanOut = new SdkFanOut(client, async, streams(CROSS_ACCOUNT), () -> {});

    String consumerArn = fanOut.activeConsumer("orders", "bridge");
    fanOut.subscribe(consumerArn, SHARD, StartPosition.trimHorizon(), new IgnoringListener());

    assertThat(client.requests)
        .noneMatch(DescribeStreamSummaryRequest.class::isInstance)
        .filteredOn(RegisterStreamConsumerRequest.class::isInstance)
        .singleElement()
        .extracting(r -> ((RegisterStreamConsumerRequest) r).streamARN())
        .isEqualTo(CROSS_ACCOUNT);
    assertThat(client.requests)
        .filteredOn(DescribeStreamConsumerRequest.class::isInstance)
        .allSatisfy(
            r ->
                assertThat(((DescribeStreamConsumerRequest) r).streamARN())
                    .isEqualTo(CROSS_ACCOUNT));
    assertThat(consumerArn).isEqualTo(CONSUMER_ARN);
    assertThat(async.subscriptions)
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.consumerARN()).isEqualTo(CONSUMER_ARN);
              assertThat(request.shardId()).isEqualTo(SHARD.shardId());
            });
  }

  @Test
  void enhancedFanOutLooksUpTheArnOfAStreamGivenByName() {
    SdkFanOut fanOut =
        new SdkFanOut(client, new RecordingAsyncClient(), streams("orders"), () -> {});

    fanOut.activeConsumer("orders", "bridge");

    assertThat(client.requests.get(0))
        .isInstanceOfSatisfying(
            DescribeStreamSummaryRequest.class,
            r -> assertThat(r.streamName()).isEqualTo("orders"));
    assertThat(client.requests)
        .filteredOn(RegisterStreamConsumerRequest.class::isInstance)
        .singleElement()
        .extracting(r -> ((RegisterStreamConsumerRequest) r).streamARN())
        .isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/orders");
  }

  @Test
  void listedShardsCarryTheirHashKeyRange() {
    KinesisClient ranged =
        new KinesisClient() {
          @Override
          public ListShardsResponse listShards(ListShardsRequest request) {
            return ListShardsResponse.builder()
                .shards(
                    software.amazon.awssdk.services.kinesis.model.Shard.builder()
                        .shardId("shardId-000000000001")
                        .hashKeyRange(r -> r.startingHashKey("0").endingHashKey("1000"))
                        .sequenceNumberRange(r -> r.startingSequenceNumber("1"))
                        .build())
                .build();
          }

          @Override
          public String serviceName() {
            return "kinesis";
          }

          @Override
          public void close() {}
        };

    List<ShardInfo> shards = new SdkKinesisReader(ranged, streams("orders")).listShards("orders");

    assertThat(shards)
        .singleElement()
        .extracting(ShardInfo::hashKeyRange)
        .isEqualTo(HashKeyRange.of("0", "1000"));
  }

  @Test
  void aStreamThatWasNotConfiguredIsNeverAskedForByNameInstead() {
    SdkKinesisReader reader = new SdkKinesisReader(client, streams(CROSS_ACCOUNT));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.listShards("payments"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not one of the configured streams");
    assertThat(client.requests).isEmpty();
  }

  private static final class IgnoringListener implements SubscriptionListener {
    @Override
    public void onEvent(FanOutEvent event) {}

    @Override
    public void onEnd(Throwable error) {}
  }
}
