package io.kinesisbridge.it;

import io.kinesisbridge.common.aggregation.Aggregate;
import io.kinesisbridge.common.aggregation.AggregateBuilder;
import io.kinesisbridge.common.aggregation.HashKeys;
import io.kinesisbridge.common.aggregation.UserRecord;
import io.kinesisbridge.common.aws.AsyncClientOptions;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.DeaggregatedRecords;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisOutage;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisRecord;
import io.kinesisbridge.testkit.KinesisStreams;
import io.kinesisbridge.testkit.KinesisUserRecord;
import io.kinesisbridge.testkit.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The testkit pieces that connector ITs build on, proven against the real kinesis-mock: the TCP
 * proxy, the kill-and-restart outage recipe and the stream reader with KCL deaggregation.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TestkitIT {

  private static KinesisMock kinesisMock;
  private static AwsClientFactory clients;
  private static KinesisClient kinesis;

  @BeforeAll
  static void startEmulator() {
    kinesisMock = KinesisMock.start();
    clients = AwsClientFactory.create(AwsSettings.from(kinesisMock.awsSettings()));
    kinesis = clients.kinesis();
  }

  @AfterAll
  static void stopEmulator() {
    if (kinesis != null) {
      kinesis.close();
    }
    if (clients != null) {
      clients.close();
    }
    if (kinesisMock != null) {
      kinesisMock.close();
    }
  }

  @Test
  void proxyRelaysSyncHttp1AndAsyncHttp2CleartextCalls() {
    try (TcpProxy proxy = TcpProxy.start(kinesisMock.plainPort());
        AwsClientFactory proxied = factoryFor(kinesisMock.awsSettings(proxy.endpoint()));
        KinesisClient sync = proxied.kinesis();
        KinesisAsyncClient http2 = proxied.kinesisAsync(http2Cleartext())) {
      KinesisStreams.createActive(sync, "proxied", 1);

      sync.putRecord(b -> b.streamName("proxied").partitionKey("k").data(utf8("over http/1.1")));
      http2.putRecord(b -> b.streamName("proxied").partitionKey("k").data(utf8("over h2c"))).join();

      assertThat(new KinesisReader(sync).readAll("proxied"))
          .extracting(KinesisRecord::utf8)
          .containsExactly("over http/1.1", "over h2c");
      assertThat(proxy.relayedConnections()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void afterACutCallsFailFastAndAfterARestoreTheyWorkAgainOnTheSamePort() {
    try (TcpProxy proxy = TcpProxy.start(kinesisMock.plainPort());
        AwsClientFactory proxied = factoryFor(kinesisMock.awsSettings(proxy.endpoint()));
        KinesisClient sync = proxied.kinesis();
        KinesisAsyncClient async = proxied.kinesisAsync()) {
      KinesisStreams.createActive(sync, "cut-and-restore", 1);
      async.putRecord(put("cut-and-restore", "before")).join();
      assertThat(proxy.openConnections()).isPositive();
      int port = proxy.port();

      proxy.cut();

      assertThat(proxy.openConnections()).isZero();
      long start = System.nanoTime();
      assertThatThrownBy(() -> sync.describeStreamSummary(b -> b.streamName("cut-and-restore")))
          .isInstanceOf(SdkClientException.class);
      assertThatThrownBy(() -> async.putRecord(put("cut-and-restore", "during")).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(SdkClientException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

      proxy.restore();

      async.putRecord(put("cut-and-restore", "after")).join();
      assertThat(proxy.port()).isEqualTo(port);
      assertThat(new KinesisReader(sync).readAll("cut-and-restore"))
          .extracting(KinesisRecord::utf8)
          .containsExactly("before", "after");
    }
  }

  @Test
  void proxyPassesHalfClosedConnectionsAndLeavesNoThreadBehindWhenClosed() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // Answers only after the client's end of stream, which it sees only if the proxy passes on
      // the client's half-close while keeping the other direction open.
      Future<?> server = executor.submit(() -> answerAfterEndOfStream(target));
      TcpProxy proxy = TcpProxy.start(target.getLocalPort());
      String threadPrefix = "tcp-proxy-" + proxy.port() + "-";
      String answer;
      try {
        answer = sendThenHalfClose(proxy.port(), new byte[100_000]);
        server.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        proxy.close();
        throw e;
      }

      // Resources close in reverse order: the proxy while the idle connection is still open.
      try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
          proxy) {
        idle.getOutputStream().write(1);
        awaitOpenConnections(proxy, 1);
      }

      assertThat(answer).isEqualTo("received 100000 bytes");
      assertThat(proxy.openConnections()).isZero();
      assertThat(Thread.getAllStackTraces().keySet())
          .noneMatch(thread -> thread.getName().startsWith(threadPrefix) && thread.isAlive());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void theKillAndRestartRecipeKeepsRecordsPutBeforeIt() {
    try (KinesisOutage outage = KinesisOutage.start();
        AwsClientFactory proxied = factoryFor(outage.awsSettings());
        KinesisClient client = proxied.kinesis()) {
      KinesisStreams.createActive(client, "durable", 2);
      KinesisStreams.putAll(client, "durable", entries("durable", 200));
      KinesisReader reader = new KinesisReader(client);
      List<KinesisRecord> before = reader.readAll("durable");

      outage.run(Duration.ofSeconds(3));

      List<KinesisRecord> after = reader.readAll("durable");
      assertThat(after).hasSize(200).containsExactlyElementsOf(before);
      assertThat(after).extracting(KinesisRecord::utf8).hasSameElementsAs(payloads("durable", 200));
      PutRecordResponse next = client.putRecord(put("durable", "after the outage"));
      assertThat(new BigInteger(next.sequenceNumber()))
          .isGreaterThan(maxSequenceNumber(before, next.shardId()));
    }
  }

  @Test
  void readerReadsEveryRecordOfAThreeShardStream() {
    KinesisStreams.createActive(kinesis, "three-shards", 3);
    KinesisStreams.putAll(kinesis, "three-shards", entries("three-shards", 3_000));

    List<KinesisRecord> records = new KinesisReader(kinesis).readAll("three-shards");

    assertThat(records).hasSize(3_000);
    assertThat(records)
        .extracting(KinesisRecord::utf8)
        .hasSameElementsAs(payloads("three-shards", 3_000));
    assertThat(records).allSatisfy(r -> assertThat(r.utf8()).endsWith("-" + r.partitionKey()));
    Map<String, List<KinesisRecord>> byShard =
        records.stream().collect(Collectors.groupingBy(KinesisRecord::shardId));
    assertThat(byShard).hasSize(3);
    byShard.values().forEach(TestkitIT::assertInSequenceOrder);
  }

  @Test
  void readerReadsAClosedParentShardAndItsChildren() {
    KinesisStreams.createActive(kinesis, "resharded", 1);
    KinesisStreams.putAll(kinesis, "resharded", entries("before", 100));
    kinesis.updateShardCount(
        b ->
            b.streamName("resharded").targetShardCount(2).scalingType(ScalingType.UNIFORM_SCALING));
    KinesisStreams.awaitActive(kinesis, "resharded");
    KinesisStreams.putAll(kinesis, "resharded", entries("after", 100));

    List<KinesisRecord> records = new KinesisReader(kinesis).readAll("resharded");

    List<Shard> shards = KinesisStreams.listShards(kinesis, "resharded");
    String parent = shards.get(0).shardId();
    assertThat(shards).hasSizeGreaterThanOrEqualTo(3);
    assertThat(records).hasSize(200);
    assertThat(records.subList(0, 100))
        .allSatisfy(r -> assertThat(r.shardId()).isEqualTo(parent))
        .extracting(KinesisRecord::utf8)
        .containsExactlyElementsOf(payloads("before", 100));
    assertThat(records.subList(100, 200))
        .extracting(KinesisRecord::utf8)
        .hasSameElementsAs(payloads("after", 100));
  }

  @Test
  void deaggregatingReaderDecodesAnAggregatePutWithPutRecord() {
    KinesisStreams.createActive(kinesis, "aggregated", 2);
    Shard first = KinesisStreams.listShards(kinesis, "aggregated").get(0);
    BigInteger firstEnd = new BigInteger(first.hashKeyRange().endingHashKey());
    Predicate<String> inFirst = key -> HashKeys.hashKeyOf(key).compareTo(firstEnd) <= 0;
    List<String> firstShardKeys = keys(inFirst, 100);
    Aggregate aligned = aggregate(firstShardKeys);
    // The first key routes it to the first shard, the second belongs to the other one: KCL drops
    // the whole aggregate, as a consumer would.
    Aggregate straddling =
        aggregate(List.of(firstShardKeys.get(0), keys(inFirst.negate(), 1).get(0)));
    putAggregate("aggregated", aligned);
    kinesis.putRecord(put("aggregated", "plain"));
    putAggregate("aggregated", straddling);

    DeaggregatedRecords read = new KinesisReader(kinesis).readAllDeaggregated("aggregated");

    List<KinesisUserRecord> fromAggregate =
        read.userRecords().stream().filter(KinesisUserRecord::aggregated).toList();
    assertThat(fromAggregate)
        .extracting(KinesisUserRecord::partitionKey)
        .containsExactlyElementsOf(firstShardKeys);
    assertThat(fromAggregate)
        .extracting(KinesisUserRecord::utf8)
        .containsExactlyElementsOf(firstShardKeys.stream().map(k -> "data of " + k).toList());
    assertThat(fromAggregate)
        .extracting(KinesisUserRecord::subSequenceNumber)
        .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> (long) i).toList());
    assertThat(fromAggregate)
        .extracting(KinesisUserRecord::sequenceNumber)
        .containsOnly(fromAggregate.get(0).sequenceNumber());
    assertThat(read.userRecords())
        .filteredOn(r -> !r.aggregated())
        .singleElement()
        .satisfies(r -> assertThat(r.utf8()).isEqualTo("plain"))
        .satisfies(r -> assertThat(r.subSequenceNumber()).isZero());
    assertThat(read.kinesisRecordCount()).isEqualTo(3);
    assertThat(read.aggregateCount()).isEqualTo(2);
    assertThat(read.droppedAggregateCount()).isEqualTo(1);
    assertThat(read.aggregationRatio()).isEqualTo(101.0 / 3);
    assertThat(new KinesisReader(kinesis).readAll("aggregated")).hasSize(3);
  }

  private static AwsClientFactory factoryFor(Map<String, String> awsSettings) {
    return AwsClientFactory.create(AwsSettings.from(awsSettings));
  }

  private static AsyncClientOptions http2Cleartext() {
    return AsyncClientOptions.requestResponse().withProtocol(Protocol.HTTP2);
  }

  private static SdkBytes utf8(String text) {
    return SdkBytes.fromString(text, StandardCharsets.UTF_8);
  }

  private static PutRecordRequest put(String stream, String data) {
    return PutRecordRequest.builder()
        .streamName(stream)
        .partitionKey(data)
        .data(utf8(data))
        .build();
  }

  /** Entries with partition key {@code key-i} and data {@code prefix-i-key-i}. */
  private static List<PutRecordsRequestEntry> entries(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                PutRecordsRequestEntry.builder()
                    .partitionKey("key-" + i)
                    .data(utf8(prefix + "-" + i + "-key-" + i))
                    .build())
        .toList();
  }

  private static List<String> payloads(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i + "-key-" + i).toList();
  }

  private static List<String> keys(Predicate<String> wanted, int count) {
    return IntStream.iterate(0, i -> i + 1)
        .mapToObj(i -> "user-" + i)
        .filter(wanted)
        .limit(count)
        .toList();
  }

  private static Aggregate aggregate(List<String> keys) {
    AggregateBuilder builder = new AggregateBuilder();
    keys.forEach(
        key ->
            builder.add(UserRecord.of(key, ("data of " + key).getBytes(StandardCharsets.UTF_8))));
    return builder.build();
  }

  private static void putAggregate(String stream, Aggregate aggregate) {
    kinesis.putRecord(
        b ->
            b.streamName(stream)
                .partitionKey(aggregate.partitionKey())
                .explicitHashKey(aggregate.explicitHashKey())
                .data(SdkBytes.fromByteArray(aggregate.data())));
  }

  private static BigInteger maxSequenceNumber(List<KinesisRecord> records, String shardId) {
    return records.stream()
        .filter(r -> r.shardId().equals(shardId))
        .map(r -> new BigInteger(r.sequenceNumber()))
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  private static void assertInSequenceOrder(List<KinesisRecord> shard) {
    List<BigInteger> sequence =
        shard.stream().map(r -> new BigInteger(r.sequenceNumber())).toList();
    assertThat(sequence).isSorted().doesNotHaveDuplicates();
  }

  private static void awaitOpenConnections(TcpProxy proxy, int expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (proxy.openConnections() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(proxy.openConnections()).isEqualTo(expected);
  }

  private static String sendThenHalfClose(int port, byte[] request) throws IOException {
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
      client.getOutputStream().write(request);
      client.shutdownOutput();
      return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Void answerAfterEndOfStream(ServerSocket target) throws IOException {
    try (Socket socket = target.accept()) {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      in.transferTo(received);
      OutputStream out = socket.getOutputStream();
      out.write(("received " + received.size() + " bytes").getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }
}
