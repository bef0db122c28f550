package io.kinesisbridge.bench;

import io.kinesisbridge.common.aggregation.Aggregate;
import io.kinesisbridge.common.aggregation.AggregateBuilder;
import io.kinesisbridge.common.aggregation.HashKeys;
import io.kinesisbridge.common.aggregation.UserRecord;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.common.kinesis.ShardLister;
import io.kinesisbridge.common.kinesis.ShardMap;
import io.kinesisbridge.common.kinesis.ShardRange;
import io.kinesisbridge.common.kinesis.StreamRef;
import io.kinesisbridge.testkit.stub.KinesisStubServer;
import io.kinesisbridge.testkit.stub.StubStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kinesis stub against the real SDK: both encodings, the sync client and the bundle's own async
 * client, routing like Kinesis, the limits and fault injection. Skipped in ./mvnw verify; run with
 * {@code ./mvnw -pl benchmarks -am test -Dbenchmarks.tests.skip=false -Dtest=KinesisStubServerTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class KinesisStubServerTest {

  private static KinesisStubServer stub;
  private static KinesisClient kinesis;

  @BeforeAll
  static void start() {
    stub = KinesisStubServer.builder().checkAggregates(true).start();
    kinesis = syncClient();
  }

  @AfterAll
  static void stop() {
    kinesis.close();
    stub.close();
  }

  private static KinesisClient syncClient() {
    return KinesisClient.builder()
        .endpointOverride(stub.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }

  private static PutRecordsRequestEntry entry(String key, int bytes) {
    return PutRecordsRequestEntry.builder()
        .partitionKey(key)
        .data(SdkBytes.fromByteArray(new byte[bytes]))
        .build();
  }

  private static List<PutRecordsRequestEntry> entries(int count, int bytes) {
    return IntStream.range(0, count).mapToObj(i -> entry("key-" + i, bytes)).toList();
  }

  @Test
  void cborPutRecordsGetsShardIdsThatFollowMd5OfThePartitionKey() {
    stub.createStream("routing", 4);
    ShardMap shards =
        ShardMap.of(
            ShardLister.openRanges(kinesis.listShards(b -> b.streamName("routing")).shards()));

    List<PutRecordsRequestEntry> sent = entries(200, 100);
    PutRecordsResponse response = kinesis.putRecords(b -> b.streamName("routing").records(sent));

    assertThat(response.failedRecordCount()).isZero();
    for (int i = 0; i < sent.size(); i++) {
      BigInteger hash = HashKeys.hashKeyOf(sent.get(i).partitionKey());
      assertThat(response.records().get(i).shardId())
          .isEqualTo(shards.shardFor(hash).orElseThrow().shardId());
      assertThat(response.records().get(i).sequenceNumber()).hasSize(56);
    }
    assertThat(shards.shards()).hasSize(4);
    assertThat(shards.shards().get(0).endingHashKey())
        .isEqualTo(BigInteger.ONE.shiftLeft(126).subtract(BigInteger.ONE));
    StubStats.Snapshot stats = stub.stats("routing").snapshot();
    assertThat(stats.records()).isEqualTo(200);
    assertThat(stats.userRecords()).isEqualTo(200);
    assertThat(stats.dataBytes()).isEqualTo(200 * 100);
    assertThat(stats.putRecordsCalls()).isEqualTo(1);
  }

  @Test
  void explicitHashKeysRouteToTheShardOwningThem() {
    stub.createStream("explicit", 4);
    List<ShardRange> ranges =
        ShardLister.openRanges(kinesis.listShards(b -> b.streamName("explicit")).shards());
    List<PutRecordsRequestEntry> sent = new ArrayList<>();
    for (ShardRange range : ranges) {
      sent.add(
          PutRecordsRequestEntry.builder()
              .partitionKey("same")
              .explicitHashKey(range.midpoint().toString())
              .data(SdkBytes.fromUtf8String("x"))
              .build());
    }

    PutRecordsResponse response = kinesis.putRecords(b -> b.streamName("explicit").records(sent));

    assertThat(response.records().stream().map(PutRecordsResultEntry::shardId))
        .containsExactlyElementsOf(ranges.stream().map(ShardRange::shardId).toList());
  }

  @Test
  void jsonClientsWorkToo() {
    stub.createStream("json", 2);
    String previous = System.getProperty("aws.cborEnabled");
    System.setProperty("aws.cborEnabled", "false");
    try (KinesisClient json = syncClient()) {
      PutRecordsResponse response =
          json.putRecords(b -> b.streamName("json").records(entries(3, 10)));
      assertThat(response.failedRecordCount()).isZero();
      assertThat(json.describeStreamSummary(b -> b.streamName("json")).streamDescriptionSummary())
          .satisfies(s -> assertThat(s.openShardCount()).isEqualTo(2))
          .satisfies(s -> assertThat(s.maxRecordSizeInKiB()).isEqualTo(1024));
      assertThatThrownBy(() -> json.putRecords(b -> b.streamName("nope").records(entries(1, 1))))
          .isInstanceOf(ResourceNotFoundException.class);
    } finally {
      if (previous == null) {
        System.clearProperty("aws.cborEnabled");
      } else {
        System.setProperty("aws.cborEnabled", previous);
      }
    }
    assertThat(stub.stats("json").userRecords()).isEqualTo(3);
  }

  @Test
  void theBundlesAsyncClientTalksToTheStub() throws Exception {
    stub.createStream("async", 3);
    AwsSettings settings =
        AwsSettings.from(
            Map.of(
                "aws.region", "us-east-1",
                "aws.endpoint.url", stub.endpoint().toString(),
                "aws.credentials.provider", "static",
                "aws.access.key.id", "a",
                "aws.secret.access.key", "b"));
    try (AwsClientFactory clients = AwsClientFactory.create(settings);
        KinesisAsyncClient async = clients.kinesisAsync()) {
      assertThat(ShardLister.listOpen(async, StreamRef.named("async")).get()).hasSize(3);
      PutRecordsResponse response =
          async.putRecords(b -> b.streamName("async").records(entries(500, 100))).get();
      assertThat(response.failedRecordCount()).isZero();
    }
    assertThat(stub.stats("async").userRecords()).isEqualTo(500);
  }

  @Test
  void limitBreachesFailTheWholeCallWithTheServiceErrors() {
    stub.createStream("limits", 1);

    assertThatThrownBy(
            () -> kinesis.putRecords(b -> b.streamName("limits").records(entries(501, 1))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("less than or equal to 500");
    assertThatThrownBy(
            () ->
                kinesis.putRecords(
                    b -> b.streamName("limits").records(entry("k", 1024 * 1024 + 1))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("records.1.member.data");
    assertThatThrownBy(
            () -> kinesis.putRecords(b -> b.streamName("limits").records(entries(6, 1000 * 1024))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Records size exceeds 5 MB limit");
    assertThatThrownBy(
            () ->
                kinesis.putRecords(b -> b.streamName("limits").records(entry("k".repeat(257), 1))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("partitionKey");
    assertThatThrownBy(
            () -> kinesis.putRecords(b -> b.streamName("missing").records(entry("k", 1))))
        .isInstanceOf(ResourceNotFoundException.class);

    assertThat(stub.stats("limits").userRecords()).isZero();
    assertThat(stub.stats("limits").snapshot().rejectedCalls()).isEqualTo(4);
  }

  @Test
  void aggregatesCountTheirUserRecordsAndMisroutedOnesAreFlagged() {
    stub.createStream("aggregated", 4);
    AggregateBuilder builder = new AggregateBuilder();
    IntStream.range(0, 50)
        .forEach(i -> builder.add(UserRecord.of("key-" + i, ("value-" + i).getBytes())));
    Aggregate aggregate = builder.build();

    kinesis.putRecords(
        b ->
            b.streamName("aggregated")
                .records(
                    PutRecordsRequestEntry.builder()
                        .partitionKey(aggregate.partitionKey())
                        .data(SdkBytes.fromByteArray(aggregate.data()))
                        .build()));

    StubStats.Snapshot stats = stub.stats("aggregated").snapshot();
    assertThat(stats.records()).isEqualTo(1);
    assertThat(stats.userRecords()).isEqualTo(50);
    // 50 keys over 4 shards cannot all share the first key's shard: a KCL reader would drop it.
    assertThat(stats.misroutedUserRecords()).isPositive();
  }

  @Test
  void throttlingFailsTheChosenShareOfEntries() {
    stub.createStream("throttled", 2);
    stub.throttledShare(1.0);
    try {
      PutRecordsResponse response =
          kinesis.putRecords(b -> b.streamName("throttled").records(entries(10, 1)));
      assertThat(response.failedRecordCount()).isEqualTo(10);
      assertThat(response.records())
          .allSatisfy(
              r -> assertThat(r.errorCode()).isEqualTo("ProvisionedThroughputExceededException"));
      assertThatThrownBy(
              () ->
                  kinesis.putRecord(
                      b ->
                          b.streamName("throttled")
                              .partitionKey("k")
                              .data(SdkBytes.fromUtf8String("x"))))
          .isInstanceOf(KinesisException.class)
          .hasMessageContaining("Rate exceeded");
    } finally {
      stub.throttledShare(0);
    }
    // The SDK retries a throttled PutRecord, so the single record fails more than once.
    assertThat(stub.stats("throttled").snapshot().failedEntries()).isGreaterThan(10);
    assertThat(stub.stats("throttled").userRecords()).isZero();
  }
}
