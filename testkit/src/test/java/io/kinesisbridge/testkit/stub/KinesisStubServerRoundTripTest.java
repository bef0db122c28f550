package io.kinesisbridge.testkit.stub;

import io.kinesisbridge.common.aggregation.HashKeys;
import io.kinesisbridge.common.kinesis.ShardLister;
import io.kinesisbridge.common.kinesis.ShardMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stub's round trip, shard write limits and per-shard counters, through the AWS SDK's own sync
 * client.
 */
class KinesisStubServerRoundTripTest {

  private static final String PTE = "ProvisionedThroughputExceededException";

  private KinesisStubServer stub;
  private KinesisClient kinesis;

  private void start(KinesisStubServer.Builder builder) {
    stub = builder.start();
    kinesis =
        KinesisClient.builder()
            .endpointOverride(stub.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .httpClientBuilder(Apache5HttpClient.builder().maxConnections(16))
            .build();
  }

  @AfterEach
  void stop() {
    kinesis.close();
    stub.close();
  }

  private static PutRecordsRequestEntry entry(String key, int bytes) {
    return PutRecordsRequestEntry.builder()
        .partitionKey(key)
        .data(SdkBytes.fromByteArray(new byte[bytes]))
        .build();
  }

  private static List<PutRecordsRequestEntry> entries(String keyPrefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> entry(keyPrefix + i, 10)).toList();
  }

  private PutRecordsResponse put(String stream, List<PutRecordsRequestEntry> entries) {
    return kinesis.putRecords(b -> b.streamName(stream).records(entries));
  }

  @Test
  void everyAnswerIsHeldForTheFixedDelayPlusAtMostTheJitter() {
    start(KinesisStubServer.builder().roundTrip(RoundTrip.ofMillis(150, 50)));
    stub.createStream("slow", 1);
    put("slow", entries("warm-", 1)); // connection set-up and SDK class loading off the clock

    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      PutRecordsResponse response = put("slow", entries("k", 5));
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(response.failedRecordCount()).isZero();
      // The upper bound only catches an answer held far too long; the slack is for a busy machine.
      assertThat(millis).isBetween(150L, 150L + 50L + 1_000L);
    }

    stub.roundTrip(RoundTrip.NONE);
    long start = System.nanoTime();
    put("slow", entries("k", 5));
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(150);
  }

  @Test
  void heldAnswersDoNotHoldHandlerThreads() throws Exception {
    start(KinesisStubServer.builder().threads(1).roundTrip(RoundTrip.ofMillis(500, 0)));
    stub.createStream("parallel", 1);
    int calls = 8;
    ExecutorService clients = Executors.newFixedThreadPool(calls);
    try {
      long start = System.nanoTime();
      List<Future<PutRecordsResponse>> answers = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        answers.add(clients.submit(() -> put("parallel", entries("p", 2))));
      }
      for (Future<PutRecordsResponse> answer : answers) {
        assertThat(answer.get().failedRecordCount()).isZero();
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      // One handler thread blocking per call would need 8 x 500 ms.
      assertThat(millis).isBetween(500L, 8 * 500L - 1_500L);
    } finally {
      clients.shutdownNow();
    }
    assertThat(stub.stats("parallel").userRecords()).isEqualTo(2L * calls);
  }

  @Test
  void entriesOverTheirShardsLimitGetThrottlingErrorsWhileOtherShardsAccept() {
    start(KinesisStubServer.builder().shardLimits(true));
    stub.createStream("limited", 2);
    List<String> shardIds = shardIds("limited");
    String hotKey = keyOnShard("limited", shardIds.get(0));
    String coldKey = keyOnShard("limited", shardIds.get(1));
    // Each call: 400 entries for the hot shard, 100 for the other one.
    List<PutRecordsRequestEntry> call = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      call.add(entry(i % 5 == 4 ? coldKey : hotKey, 10));
    }

    long start = System.nanoTime();
    List<PutRecordsResponse> responses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      responses.add(put("limited", call));
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    long hotAccepted = 0;
    long hotThrottled = 0;
    for (PutRecordsResponse response : responses) {
      List<PutRecordsResultEntry> results = response.records();
      for (int i = 0; i < results.size(); i++) {
        PutRecordsResultEntry result = results.get(i);
        if (i % 5 == 4) {
          assertThat(result.errorCode()).isNull(); // 400 records in total: under its limit
          assertThat(result.shardId()).isEqualTo(shardIds.get(1));
        } else if (result.errorCode() == null) {
          hotAccepted++;
        } else {
          hotThrottled++;
          assertThat(result.errorCode()).isEqualTo(PTE);
          assertThat(result.errorMessage()).contains("Rate exceeded for shard " + shardIds.get(0));
        }
      }
      assertThat(response.failedRecordCount())
          .isEqualTo((int) results.stream().filter(r -> r.errorCode() != null).count());
    }
    // 1,600 for the hot shard: one second's allowance, plus one record per millisecond since.
    assertThat(hotAccepted).isBetween(1_000L, 1_000L + elapsedMillis + 1);
    assertThat(hotAccepted + hotThrottled).isEqualTo(1_600);

    List<ShardStats> shards = stub.shardStats("limited");
    assertThat(shards.get(0).records()).isEqualTo(hotAccepted);
    assertThat(shards.get(0).throttledEntries()).isEqualTo(hotThrottled);
    assertThat(shards.get(1).records()).isEqualTo(400);
    assertThat(shards.get(1).throttledEntries()).isZero();
    assertThat(stub.stats("limited").snapshot().failedEntries()).isEqualTo(hotThrottled);
  }

  @Test
  void withoutShardLimitsNothingIsThrottled() {
    start(KinesisStubServer.builder());
    stub.createStream("unlimited", 1);
    for (int i = 0; i < 4; i++) {
      assertThat(put("unlimited", entries("k", 500)).failedRecordCount()).isZero();
    }
    assertThat(stub.shardStats("unlimited").get(0).records()).isEqualTo(2_000);
  }

  @Test
  void perShardCountsFollowMd5OfThePartitionKey() {
    start(KinesisStubServer.builder());
    stub.createStream("routed", 4);
    ShardMap map =
        ShardMap.of(
            ShardLister.openRanges(kinesis.listShards(b -> b.streamName("routed")).shards()));
    List<PutRecordsRequestEntry> sent = entries("key-", 400);
    long[] expected = new long[4];
    for (PutRecordsRequestEntry e : sent) {
      String shardId = map.shardFor(HashKeys.hashKeyOf(e.partitionKey())).orElseThrow().shardId();
      expected[shardIds("routed").indexOf(shardId)]++;
    }

    put("routed", sent);

    List<ShardStats> shards = stub.shardStats("routed");
    for (int i = 0; i < 4; i++) {
      assertThat(shards.get(i).records()).isEqualTo(expected[i]);
      assertThat(shards.get(i).userRecords()).isEqualTo(expected[i]);
      assertThat(shards.get(i).bytes()).isGreaterThan(expected[i] * 10); // data plus key
    }
    assertThat(expected).doesNotContain(0L); // 400 keys reach every one of 4 shards
  }

  private List<String> shardIds(String stream) {
    return stub.shardStats(stream).stream().map(ShardStats::shardId).toList();
  }

  /** A partition key whose MD5 falls into {@code shardId}'s range. */
  private String keyOnShard(String stream, String shardId) {
    ShardMap map =
        ShardMap.of(ShardLister.openRanges(kinesis.listShards(b -> b.streamName(stream)).shards()));
    for (int i = 0; ; i++) {
      String key = "key-" + i;
      if (map.shardFor(HashKeys.hashKeyOf(key)).orElseThrow().shardId().equals(shardId)) {
        return key;
      }
    }
  }
}
