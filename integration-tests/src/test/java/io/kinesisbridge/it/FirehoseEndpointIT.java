package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.S3Server;
import io.kinesisbridge.testkit.firehose.DeliveredObject;
import io.kinesisbridge.testkit.firehose.DeliveryStreamSpec;
import io.kinesisbridge.testkit.firehose.FirehoseEndpoint;
import io.kinesisbridge.testkit.firehose.FirehoseStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Firehose test endpoint, driven by the AWS SDK clients {@link AwsClientFactory} builds and
 * delivering into the real S3 server: the wire protocol, Firehose's limits and error shapes, the
 * buffering into S3 objects in Firehose's key layout, and the injected faults.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FirehoseEndpointIT {

  private static final int MIB = 1024 * 1024;
  private static final String VALIDATION = "ValidationException";
  private static final DateTimeFormatter HOUR_PATH =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SUFFIX_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static S3Server s3Server;
  private static S3Client s3;
  private static FirehoseEndpoint endpoint;
  private static AwsClientFactory clients;
  private static FirehoseAsyncClient async;
  private static FirehoseClient sync;

  @BeforeAll
  static void start() {
    s3Server = S3Server.start();
    s3 = s3Server.client();
    endpoint = FirehoseEndpoint.builder().s3(s3Server).seed(42).start();
    clients =
        AwsClientFactory.create(
            AwsSettings.from(
                Map.of(
                    "aws.region", "us-east-1",
                    "aws.endpoint.url", endpoint.endpoint().toString(),
                    "aws.credentials.provider", "static",
                    "aws.access.key.id", "x",
                    "aws.secret.access.key", "y")));
    async = clients.firehoseAsync();
    sync = clients.firehose();
  }

  @AfterAll
  static void stop() throws Exception {
    // Clients before their factory, the endpoint before the S3 server it delivers to.
    for (AutoCloseable resource :
        new AutoCloseable[] {async, sync, clients, endpoint, s3, s3Server}) {
      if (resource != null) {
        resource.close();
      }
    }
  }

  @AfterEach
  void noFaultsLeftForTheNextTest() {
    endpoint.faults().reset();
  }

  @Test
  void aBatchFromTheAsyncClientLandsInS3AsOneObjectInFirehosesKeyLayout() {
    String stream = createStream("logs/", 128, 900);
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<byte[]> records = List.of(utf8("{\"n\":1}\n"), utf8("{\"n\":2}\n"), bytes(3, 70_000));

    PutRecordBatchResponse response = putBatch(async, stream, records);
    endpoint.flushAll();

    assertThat(response.failedPutCount()).isZero();
    assertThat(response.encrypted()).isFalse();
    assertThat(response.requestResponses())
        .hasSize(3)
        .allSatisfy(entry -> assertThat(entry.recordId()).isNotBlank())
        .allSatisfy(entry -> assertThat(entry.errorCode()).isNull());
    var objects = s3.listObjectsV2(b -> b.bucket(stream)).contents();
    assertThat(objects).hasSize(1);
    String key = objects.get(0).key();
    assertThat(timeInKey(key, "logs/", stream)).isBetween(before, Instant.now());
    assertThat(read(stream, key)).isEqualTo(concat(records));
    assertThat(endpoint.deliveredObjects(stream))
        .containsExactly(new DeliveredObject(stream, stream, key, 3, concat(records).length));
  }

  @Test
  void putRecordFromTheSyncClientIsAcknowledgedAndDelivered() {
    String stream = createStream("", 1, 900);

    String recordId =
        sync.putRecord(
                b -> b.deliveryStreamName(stream).record(r -> r.data(SdkBytes.fromUtf8String("x"))))
            .recordId();
    endpoint.flushAll();

    assertThat(recordId).isNotBlank();
    String key = endpoint.deliveredObjects(stream).get(0).key();
    assertThat(timeInKey(key, "", stream)).isNotNull();
    assertThat(read(stream, key)).isEqualTo(utf8("x"));
  }

  @Test
  void describeAndListAnswerLikeTheServiceAndANameCannotBeTakenTwice() {
    String stream = createStream("p/", 2, 60);

    var description =
        sync.describeDeliveryStream(b -> b.deliveryStreamName(stream)).deliveryStreamDescription();

    assertThat(description.deliveryStreamARN())
        .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/" + stream);
    assertThat(description.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
    assertThat(description.deliveryStreamType()).isEqualTo(DeliveryStreamType.DIRECT_PUT);
    assertThat(description.versionId()).isEqualTo("1");
    assertThat(description.createTimestamp()).isBeforeOrEqualTo(Instant.now());
    var destination = description.destinations().get(0).extendedS3DestinationDescription();
    assertThat(destination.bucketARN()).isEqualTo("arn:aws:s3:::" + stream);
    assertThat(destination.prefix()).isEqualTo("p/");
    assertThat(destination.bufferingHints().sizeInMBs()).isEqualTo(2);
    assertThat(destination.bufferingHints().intervalInSeconds()).isEqualTo(60);
    assertThat(sync.listDeliveryStreams(b -> b.limit(10_000)).deliveryStreamNames())
        .contains(stream);
    assertThatThrownBy(() -> createStream(stream, "", 1, 60))
        .isInstanceOf(ResourceInUseException.class);
  }

  @Test
  void aMissingStreamFailsWithResourceNotFound() {
    assertThatThrownBy(() -> sync.describeDeliveryStream(b -> b.deliveryStreamName("missing")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Firehose missing under account 000000000000 not found.")
        .satisfies(e -> assertThat(((FirehoseException) e).statusCode()).isEqualTo(400));
    assertThatThrownBy(() -> putBatch(async, "missing", List.of(utf8("x"))))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  static Stream<Arguments> batches() {
    return Stream.of(
        Arguments.of("500 records", records(500, 0), null, null),
        Arguments.of("a record of 1,024,000 bytes", List.of(bytes(1, 1_024_000)), null, null),
        Arguments.of("exactly 4 MiB", fourThenOne(1_024_000, 4 * MIB - 4 * 1_024_000), null, null),
        Arguments.of(
            "501 records",
            records(501, 0),
            VALIDATION,
            "at 'records' failed to satisfy constraint: Member must have length less than or equal"
                + " to 500"),
        Arguments.of(
            "a record of 1,024,001 bytes",
            List.of(bytes(1, 10), bytes(2, 1_024_001)),
            VALIDATION,
            "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001"
                + " cap=1024001]' at 'records.2.member.data' failed to satisfy constraint: Member"
                + " must have length less than or equal to 1024000"),
        Arguments.of(
            "4 MiB + 1 byte",
            fourThenOne(1_000_000, 4 * MIB - 4_000_000 + 1),
            "InvalidArgumentException",
            "Records size exceeds 4 MB limit"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("batches")
  void aBatchAtTheLimitsLandsAndOneOverThemIsRejectedWholeWithTheServicesError(
      String name, List<byte[]> records, String errorCode, String message) {
    String stream = createStream("", 128, 900);

    if (errorCode == null) {
      assertThat(putBatch(async, stream, records).failedPutCount()).isZero();
      endpoint.flushAll();
      assertThat(read(stream, endpoint.deliveredObjects(stream).get(0).key()))
          .isEqualTo(concat(records));
      return;
    }
    assertThatThrownBy(() -> putBatch(async, stream, records))
        .isInstanceOf(
            errorCode.equals(VALIDATION) ? FirehoseException.class : InvalidArgumentException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> {
              assertThat(((FirehoseException) e).statusCode()).isEqualTo(400);
              assertThat(((FirehoseException) e).awsErrorDetails().errorCode())
                  .isEqualTo(errorCode);
            });
    FirehoseStats.Snapshot stats = endpoint.stats(stream).snapshot();
    assertThat(stats.rejectedCalls()).isEqualTo(1);
    assertThat(stats.recordsReceived()).isZero();
  }

  @Test
  void aShareOfFailedEntriesShowsInFailedPutCountAndOnlyAcceptedRecordsLand() {
    String stream = createStream("", 128, 900);
    endpoint.faults().failedEntryShare(0.3);
    List<byte[]> accepted = new ArrayList<>();
    int failed = 0;

    for (int batch = 0; batch < 4; batch++) {
      List<byte[]> records = records(500, batch * 500);
      PutRecordBatchResponse response = putBatch(async, stream, records);
      List<PutRecordBatchResponseEntry> entries = response.requestResponses();
      int failedHere = 0;
      for (int i = 0; i < entries.size(); i++) {
        PutRecordBatchResponseEntry entry = entries.get(i);
        if (entry.errorCode() == null) {
          assertThat(entry.recordId()).isNotBlank();
          accepted.add(records.get(i));
        } else {
          assertThat(entry.errorCode()).isEqualTo("ServiceUnavailableException");
          assertThat(entry.errorMessage()).isEqualTo("Slow down.");
          failedHere++;
        }
      }
      assertThat(response.failedPutCount()).isEqualTo(failedHere);
      failed += failedHere;
    }
    endpoint.flushAll();

    assertThat(failed).isBetween(500, 700); // 30% of 2,000, give or take
    FirehoseStats.Snapshot stats = endpoint.stats(stream).snapshot();
    assertThat(stats.recordsFailed()).isEqualTo(failed);
    assertThat(stats.recordsAccepted()).isEqualTo(accepted.size()).isEqualTo(2_000 - failed);
    assertThat(read(stream, endpoint.deliveredObjects(stream).get(0).key()))
        .isEqualTo(concat(accepted));
  }

  @Test
  void theSameSeedFailsTheSameEntries() {
    assertThat(failedEntries(99)).isEqualTo(failedEntries(99)).isNotEqualTo(failedEntries(7));
  }

  @Test
  void throttledCallsFailWholeWithServiceUnavailableAndTheSdkRetriesThem() {
    String stream = createStream("", 128, 900);

    Map<String, String> settings = new HashMap<>(endpoint.awsSettings());
    settings.put("aws.retry.max.attempts", "1");
    try (AwsClientFactory noRetries = AwsClientFactory.create(AwsSettings.from(settings));
        FirehoseAsyncClient once = noRetries.firehoseAsync()) {
      endpoint.faults().throttleNextCalls(1);
      assertThatThrownBy(() -> putBatch(once, stream, List.of(utf8("x"))))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("Slow down.")
          .satisfies(e -> assertThat(((FirehoseException) e).statusCode()).isEqualTo(500));
    }
    endpoint.faults().throttleNextCalls(2);
    PutRecordBatchResponse retried = putBatch(async, stream, List.of(utf8("y")));

    assertThat(retried.failedPutCount()).isZero();
    FirehoseStats.Snapshot stats = endpoint.stats(stream).snapshot();
    assertThat(stats.throttledCalls()).isEqualTo(3);
    assertThat(stats.calls()).isEqualTo(4);
    assertThat(stats.recordsAccepted()).isEqualTo(1);
  }

  @Test
  void injectedLatencyDelaysEachAnswer() {
    String stream = createStream("", 128, 900);
    endpoint.faults().latency(Duration.ofMillis(300));

    long start = System.nanoTime();
    putBatch(async, stream, List.of(utf8("slow")));

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void buffersAreDeliveredBySizeAndByIntervalWithoutAFlush() throws InterruptedException {
    String stream = createStream("", 1, 1);
    List<byte[]> records = List.of(bytes(1, 400_000), bytes(2, 400_000), bytes(3, 400_000));

    putBatch(async, stream, records);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (endpoint.deliveredObjects(stream).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    // The third record would take the buffer past 1 MiB, so the first object closes before it;
    // the third goes out alone once its one-second interval has passed.
    List<DeliveredObject> objects = endpoint.deliveredObjects(stream);
    assertThat(objects).extracting(DeliveredObject::records).containsExactly(2, 1);
    assertThat(read(stream, objects.get(0).key())).isEqualTo(concat(records.subList(0, 2)));
    assertThat(read(stream, objects.get(1).key())).isEqualTo(records.get(2));
  }

  /** Which of 300 records sent in three batches fail at a 30% share under {@code seed}. */
  private static List<Integer> failedEntries(long seed) {
    try (FirehoseEndpoint seeded = FirehoseEndpoint.builder().s3(s3).seed(seed).start();
        AwsClientFactory factory = AwsClientFactory.create(AwsSettings.from(seeded.awsSettings()));
        FirehoseAsyncClient client = factory.firehoseAsync()) {
      seeded.createDeliveryStream(DeliveryStreamSpec.of("seeded", "never-flushed"));
      seeded.faults().failedEntryShare(0.3);
      List<Integer> failed = new ArrayList<>();
      for (int batch = 0; batch < 3; batch++) {
        List<PutRecordBatchResponseEntry> entries =
            putBatch(client, "seeded", records(100, 0)).requestResponses();
        int offset = batch * 100;
        IntStream.range(0, 100)
            .filter(i -> entries.get(i).errorCode() != null)
            .forEach(i -> failed.add(offset + i));
      }
      return failed;
    }
  }

  /** A fresh stream into a fresh bucket of the same name, created over the wire. */
  private static String createStream(String prefix, int sizeInMBs, int intervalInSeconds) {
    String name = "stream-" + NAMES.incrementAndGet();
    s3.createBucket(b -> b.bucket(name));
    createStream(name, prefix, sizeInMBs, intervalInSeconds);
    return name;
  }

  private static void createStream(String name, String prefix, int sizeInMBs, int interval) {
    sync.createDeliveryStream(
        b ->
            b.deliveryStreamName(name)
                .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                .extendedS3DestinationConfiguration(
                    s3Config ->
                        s3Config
                            .roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bucketARN("arn:aws:s3:::" + name)
                            .prefix(prefix)
                            .bufferingHints(
                                h -> h.sizeInMBs(sizeInMBs).intervalInSeconds(interval))));
  }

  private static PutRecordBatchResponse putBatch(
      FirehoseAsyncClient client, String stream, List<byte[]> records) {
    List<Record> entries =
        records.stream()
            .map(d -> Record.builder().data(SdkBytes.fromByteArray(d)).build())
            .toList();
    try {
      return client.putRecordBatch(b -> b.deliveryStreamName(stream).records(entries)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** The oldest-record time in {@code key}, after checking the key against Firehose's layout. */
  private static Instant timeInKey(String key, String prefix, String stream) {
    Matcher matcher =
        Pattern.compile(
                Pattern.quote(prefix)
                    + "(\\d{4}/\\d{2}/\\d{2}/\\d{2})/"
                    + Pattern.quote(stream)
                    + "-1-([-\\d]{19})-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")
            .matcher(key);
    assertThat(matcher.matches()).as("key %s in Firehose's layout", key).isTrue();
    Instant time = Instant.from(SUFFIX_TIME.parse(matcher.group(2)));
    assertThat(matcher.group(1)).as("hour path of %s", key).isEqualTo(HOUR_PATH.format(time));
    return time;
  }

  private static byte[] read(String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  private static List<byte[]> records(int count, int first) {
    return IntStream.range(first, first + count).mapToObj(i -> utf8("record-" + i + "\n")).toList();
  }

  /** Four records of {@code each} bytes, then one of {@code last} bytes. */
  private static List<byte[]> fourThenOne(int each, int last) {
    return List.of(bytes(1, each), bytes(2, each), bytes(3, each), bytes(4, each), bytes(5, last));
  }

  private static byte[] bytes(int fill, int length) {
    byte[] data = new byte[length];
    Arrays.fill(data, (byte) ('a' + fill));
    return data;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    records.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
