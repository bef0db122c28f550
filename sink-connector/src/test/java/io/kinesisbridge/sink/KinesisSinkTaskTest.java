package io.kinesisbridge.sink;

import io.kinesisbridge.common.aggregation.DeaggregatedRecord;
import io.kinesisbridge.common.aggregation.HashKeys;
import io.kinesisbridge.common.testing.FakeSinkTaskContext;
import io.kinesisbridge.common.testing.RenamingTransform;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisSinkTaskTest {

  private static final String TOPIC = "events";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final KinesisSinkTask task = new KinesisSinkTask();
  private FakeKinesis kinesis;
  private FakeSinkTaskContext context;

  @AfterEach
  void stopTask() {
    task.stop();
  }

  private void start(Map<String, String> overrides, boolean withDlq) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "unit");
    props.put("kinesis.stream.name", "stream");
    props.put("aws.region", "us-east-1");
    props.put("kinesis.linger.ms", "1");
    props.put("kinesis.retry.backoff.ms", "1");
    props.put("kinesis.retry.backoff.max.ms", "5");
    props.putAll(overrides);
    context = new FakeSinkTaskContext(withDlq, P0, P1);
    task.initialize(context);
    task.start(new KinesisSinkConfig(props), kinesis);
  }

  private static SinkRecord record(int partition, long offset, String key, String value) {
    return new SinkRecord(
        TOPIC, partition, Schema.STRING_SCHEMA, key, Schema.STRING_SCHEMA, value, offset);
  }

  private static List<SinkRecord> records(int partition, int count, int keys) {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(record(partition, i, "key-" + (i % keys), "p" + partition + "-" + i));
    }
    return records;
  }

  private Map<TopicPartition, OffsetAndMetadata> current() {
    return Map.of(P0, new OffsetAndMetadata(0), P1, new OffsetAndMetadata(0));
  }

  private long committed(TopicPartition partition) {
    OffsetAndMetadata offset = task.preCommit(current()).get(partition);
    return offset == null ? -1 : offset.offset();
  }

  private static void eventually(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition within 10 s").isBefore(deadline);
      sleep(Duration.ofMillis(5));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<String> values(List<DeaggregatedRecord> records) {
    return records.stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void offsetsAreCommittedOnlyOnceKinesisAcknowledgedEveryRecordBelowThem() {
    kinesis = new FakeKinesis("stream", 4, 1024 * 1024);
    start(Map.of(), false);

    task.put(records(0, 300, 16));

    eventually(() -> committed(P0) == 300);
    assertThat(kinesis.storedEntries()).isEqualTo(300);
    assertThat(task.preCommit(current())).doesNotContainKey(P1);
  }

  @Test
  void aCrossAccountStreamArnReachesEveryCallAsItIsNotReducedToItsName() {
    String arn = "arn:aws:kinesis:us-east-1:210987654321:stream/stream";
    kinesis = new FakeKinesis("stream", 2, 1024 * 1024);
    start(Map.of("kinesis.stream.name", "", "kinesis.stream.arn", arn), false);

    task.put(records(0, 20, 4));

    eventually(() -> committed(P0) == 20);
    assertThat(kinesis.streamsCalled)
        .isNotEmpty()
        .allSatisfy(
            stream -> {
              assertThat(stream.streamArnParameter()).isEqualTo(arn);
              assertThat(stream.streamNameParameter()).isNull();
            });
  }

  @Test
  void aStreamArnTemplateResolvesOneArnPerTopic() {
    kinesis = new FakeKinesis("events", 2, 1024 * 1024);
    start(
        Map.of("kinesis.stream.name", "arn:aws:kinesis:us-east-1:210987654321:stream/${topic}"),
        false);

    task.put(records(0, 5, 2));

    eventually(() -> committed(P0) == 5);
    assertThat(kinesis.streamsCalled)
        .extracting(Object::toString)
        .containsOnly("arn:aws:kinesis:us-east-1:210987654321:stream/events");
  }

  @Test
  void onlyTheEntriesKinesisRejectedAreSentAgainAndPartitionOrderHoldsPerShard() {
    kinesis = new FakeKinesis("stream", 4, 1024 * 1024);
    // Every third entry of the first ten calls is throttled.
    kinesis.entryFault =
        (call, entry) ->
            call <= 10 && entry.data().asUtf8String().hashCode() % 3 == 0
                ? "ProvisionedThroughputExceededException"
                : null;
    start(Map.of("kinesis.ordering", "per-partition"), false);
    List<SinkRecord> p0 = records(0, 400, 16);
    List<SinkRecord> p1 = records(1, 400, 16);
    List<SinkRecord> mixed = new ArrayList<>(p0);
    mixed.addAll(p1);

    task.put(mixed);

    eventually(() -> committed(P0) == 400 && committed(P1) == 400);
    assertThat(kinesis.storedEntries()).as("no record stored twice").isEqualTo(800);
    for (List<DeaggregatedRecord> shard : kinesis.userRecordsByShard().values()) {
      assertInPartitionOrder(values(shard));
    }
  }

  @Test
  void byDefaultEachKeyReachesKinesisInOffsetOrderWhileKinesisRejectsEveryFifthEntry() {
    kinesis = new FakeKinesis("stream", 4, 1024 * 1024);
    throttleEvery(5);
    start(Map.of(), false);
    List<SinkRecord> mixed = new ArrayList<>(records(0, 600, 200));
    mixed.addAll(records(1, 600, 200));

    task.put(mixed);

    eventually(() -> committed(P0) == 600 && committed(P1) == 600);
    assertThat(kinesis.storedEntries()).as("no record stored twice").isEqualTo(1200);
    assertThat(kinesis.calls.size()).as("calls carry many keys each").isLessThan(100);
    for (List<DeaggregatedRecord> shard : kinesis.userRecordsByShard().values()) {
      Map<String, Integer> last = new HashMap<>();
      for (DeaggregatedRecord record : shard) {
        String value = new String(record.data(), StandardCharsets.UTF_8);
        int offset = Integer.parseInt(value.split("-")[1]);
        String key = value.split("-")[0] + "/" + record.partitionKey();
        Integer previous = last.put(key, offset);
        assertThat(previous == null || previous < offset)
            .as("%s of key %s after offset %s", value, key, previous)
            .isTrue();
      }
    }
  }

  @Test
  void keysWhoseHashKeysShareTheirTopBitsNeverWaitForEachOther() {
    // Two keys in the same 1/4096 slice of the hash key space: an ordering slot of the aggregating
    // mode. Per key without aggregation each key is its own lane, so each call carries both.
    String[] pair = twoKeysSharingTheTop12BitsOfTheirHashKey();
    kinesis = new FakeKinesis("stream", 4, 1024 * 1024);
    start(Map.of(), false);
    List<SinkRecord> batch = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      batch.add(record(0, i, pair[i % 2], "p0-" + i));
    }

    task.put(batch);

    eventually(() -> committed(P0) == 6);
    assertThat(kinesis.calls)
        .as("one record of each key per call, three calls")
        .hasSize(3)
        .allSatisfy(
            call ->
                assertThat(call.stream().map(entry -> entry.partitionKey()))
                    .containsExactlyInAnyOrder(pair));
  }

  private static String[] twoKeysSharingTheTop12BitsOfTheirHashKey() {
    Map<Integer, String> bySlot = new HashMap<>();
    for (int i = 0; ; i++) {
      String key = "key-" + i;
      int slot = HashKeys.effectiveHashKey(key, null).shiftRight(116).intValue();
      String other = bySlot.putIfAbsent(slot, key);
      if (other != null) {
        return new String[] {other, key};
      }
    }
  }

  @Test
  void aPutFailingOnAStreamNotReadyYetSendsNothingSoItsRetrySendsEachRecordOnce() {
    kinesis = new FakeKinesis("stream", 2, 1024 * 1024);
    start(Map.of("kinesis.stream.name", "${topic}"), false);
    task.put(List.of(record(0, 0, "k", "p0-0")));
    eventually(() -> committed(P0) == 1);
    List<SinkRecord> batch =
        List.of(
            record(0, 1, "k", "p0-1"),
            record(0, 2, "k", null),
            new SinkRecord("other", 0, Schema.STRING_SCHEMA, "k", Schema.STRING_SCHEMA, "o0-0", 0));
    kinesis.describeFailure = SdkClientException.create("Unable to execute HTTP request");

    assertThatThrownBy(() -> task.put(batch))
        .isInstanceOf(org.apache.kafka.connect.errors.RetriableException.class);
    kinesis.describeFailure = null;
    task.put(batch);

    eventually(() -> committed(P0) == 3 && kinesis.storedEntries() == 3);
    assertThat(kinesis.storedEntries()).as("no record stored twice").isEqualTo(3);
  }

  @Test
  void withAggregationEachKeyStaysInOffsetOrderAcrossAReshardWhileEntriesAreThrottled() {
    kinesis = new FakeKinesis("stream", 2, 1024 * 1024);
    throttleEvery(3);
    start(Map.of("kinesis.aggregation.enabled", "true", "kinesis.batch.max.records", "4"), false);
    List<SinkRecord> all = records(0, 1200, 30);

    for (int from = 0; from < 1200; from += 100) {
      task.put(all.subList(from, from + 100));
      if (from == 400) {
        kinesis.reshard(5);
      }
    }

    eventually(() -> committed(P0) == 1200);
    // The sink noticed the reshard and packed for the new shards.
    assertThat(kinesis.stored.keySet())
        .anySatisfy(shard -> assertThat(shard).startsWith("shardId-1"));
    assertEachKeyFirstArrivedInOffsetOrder(1200);
  }

  /**
   * Per key with aggregation, one shard's lane packs its records into a few large aggregates: the
   * keys that share an ordering slot must belong to one shard, or the lane holding the slot
   * collects other shards' records and every shard change cuts the aggregate short.
   */
  @Test
  void withAggregationPerKeyAggregatesStayLargeWithManyKeys() {
    kinesis = new FakeKinesis("stream", 4, 1024 * 1024);
    start(Map.of("kinesis.aggregation.enabled", "true"), false);
    List<SinkRecord> all = records(0, 20_000, 1_000);

    for (int from = 0; from < all.size(); from += 500) {
      task.put(all.subList(from, from + 500));
    }

    eventually(() -> committed(P0) == 20_000);
    long aggregates = kinesis.arrivalCount();
    assertThat(aggregates)
        .as("Kinesis records for 20,000 user records of 1,000 keys over 4 shards")
        .isLessThan(400);
  }

  /**
   * Settings whose lanes follow the shard map: spread-partitions (the explicit hash key is a
   * shard's midpoint, so it changes with the map) and per-partition (lanes by partition and shard).
   * Across a reshard, a key's newer records must still wait behind its older ones.
   */
  static Stream<Map<String, String>> shardMapBoundSettings() {
    return Stream.of(
        Map.of("kinesis.explicit.hash.key", "spread-partitions"),
        Map.of(
            "kinesis.explicit.hash.key",
            "spread-partitions",
            "kinesis.aggregation.enabled",
            "true"),
        Map.of("kinesis.ordering", "per-partition"));
  }

  @ParameterizedTest
  @MethodSource("shardMapBoundSettings")
  void eachKeyStaysInOffsetOrderAcrossAMergeAndASplitWhileEntriesAreThrottled(
      Map<String, String> settings) {
    kinesis = new FakeKinesis("stream", 2, 1024 * 1024);
    throttleEvery(3);
    Map<String, String> config = new HashMap<>(settings);
    config.put("kinesis.retry.backoff.ms", "20");
    config.put("kinesis.retry.backoff.max.ms", "40");
    start(config, false);
    List<SinkRecord> all = records(0, 1200, 30);

    for (int from = 0; from < 1200; from += 100) {
      task.put(all.subList(from, from + 100));
      if (from == 300) {
        kinesis.reshard(1);
      }
      if (from == 700) {
        kinesis.reshard(5);
      }
    }

    eventually(() -> committed(P0) == 1200);
    assertEachKeyFirstArrivedInOffsetOrder(1200);
  }

  private void assertEachKeyFirstArrivedInOffsetOrder(int records) {
    Map<String, Integer> last = new HashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (DeaggregatedRecord record : kinesis.userRecordsInArrivalOrder()) {
      String value = new String(record.data(), StandardCharsets.UTF_8);
      if (!seen.add(value)) {
        continue; // sent again after landing on an unexpected shard: at least once
      }
      int offset = Integer.parseInt(value.split("-")[1]);
      Integer previous = last.put(record.partitionKey(), offset);
      assertThat(previous == null || previous < offset)
          .as("%s of key %s first arrived after offset %s", value, record.partitionKey(), previous)
          .isTrue();
    }
    assertThat(seen).hasSize(records);
  }

  /** Makes the fake answer every {@code n}-th entry it sees with a throttling error. */
  private void throttleEvery(int n) {
    java.util.concurrent.atomic.AtomicInteger entries =
        new java.util.concurrent.atomic.AtomicInteger();
    kinesis.entryFault =
        (call, entry) ->
            entries.incrementAndGet() % n == 0 ? "ProvisionedThroughputExceededException" : null;
  }

  /** Values look like p<partition>-<offset>: within each partition offsets must increase. */
  private static void assertInPartitionOrder(List<String> values) {
    Map<String, Integer> last = new HashMap<>();
    for (String value : values) {
      String[] parts = value.split("-");
      int offset = Integer.parseInt(parts[1]);
      Integer previous = last.put(parts[0], offset);
      assertThat(previous == null || previous < offset)
          .as("%s after offset %s", value, previous)
          .isTrue();
    }
  }

  @Test
  void recordsRenamedByATransformGoToTheRenamedStreamAndCommitUnderThePartitionTheyCameFrom() {
    kinesis = new FakeKinesis("renamed-events", 2, 1024 * 1024);
    start(Map.of("kinesis.stream.name", "${topic}", "kinesis.aggregation.enabled", "true"), false);
    RenamingTransform rename = new RenamingTransform("renamed-");
    List<SinkRecord> batch = new ArrayList<>();
    records(0, 100, 8).forEach(r -> batch.add(rename.apply(r)));
    records(1, 50, 8).forEach(r -> batch.add(rename.apply(r)));
    batch.add(rename.apply(record(1, 50, "k", null)));

    task.put(batch);

    eventually(() -> committed(P0) == 100 && committed(P1) == 51);
    assertThat(kinesis.streamsWritten).containsExactly("renamed-events");
    assertThat(
            values(kinesis.userRecordsByShard().values().stream().flatMap(List::stream).toList()))
        .hasSize(150);
    // Connect closes the partitions its consumer knows: the original ones.
    task.close(List.of(P0));
    assertThat(task.preCommit(current())).containsOnlyKeys(P1);
  }

  @Test
  void anOversizedRecordGoesToTheDeadLetterQueueAndItsNeighboursAreDelivered() {
    kinesis = new FakeKinesis("stream", 2, 1000);
    start(Map.of(), true);
    List<SinkRecord> batch = new ArrayList<>(records(0, 3, 3));
    batch.add(record(0, 3, "big", "x".repeat(2000)));
    batch.add(record(0, 4, "after", "small"));

    task.put(batch);

    eventually(() -> committed(P0) == 5);
    assertThat(context.reported).hasSize(1);
    assertThat(context.reported.get(0).record().kafkaOffset()).isEqualTo(3);
    assertThat(context.reported.get(0).reason())
        .hasMessageContaining("maximum record size of 1000");
    assertThat(kinesis.storedEntries()).isEqualTo(4);
  }

  @Test
  void anOversizedRecordFailsTheTaskWithItsReasonWhenThereIsNoDeadLetterQueue() {
    kinesis = new FakeKinesis("stream", 2, 1000);
    start(Map.of(), false);

    assertThatThrownBy(() -> task.put(List.of(record(0, 0, "big", "x".repeat(2000)))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("events-0@0")
        .hasMessageContaining("errors.tolerance=all");
  }

  @Test
  void nullValuesAreSkippedAndTheirOffsetsStillCommit() {
    kinesis = new FakeKinesis("stream", 1, 1024 * 1024);
    start(Map.of(), false);

    task.put(
        List.of(record(0, 0, "a", "one"), record(0, 1, "b", null), record(0, 2, "c", "three")));

    eventually(() -> committed(P0) == 3);
    assertThat(kinesis.storedEntries()).isEqualTo(2);
  }

  @Test
  void aTaskStartingWhileKinesisIsUnreachableStartsAndDeliversOnceItIsBack() {
    // A rebalance during a network cut starts tasks that cannot describe their stream: a failed
    // start would leave them FAILED for good, while Connect retries a put on its own.
    kinesis = new FakeKinesis("stream", 2, 1024 * 1024);
    kinesis.describeFailure = SdkClientException.create("The connection was closed");

    start(Map.of(), false);
    List<SinkRecord> batch = records(0, 10, 5);
    assertThatThrownBy(() -> task.put(batch))
        .isInstanceOf(org.apache.kafka.connect.errors.RetriableException.class);
    kinesis.describeFailure = null;
    task.put(batch);

    eventually(() -> committed(P0) == 10);
    assertThat(kinesis.storedEntries()).as("each record once").isEqualTo(10);
  }

  @Test
  void aMissingStreamFailsTheTaskWithAMessageNamingIt() {
    kinesis = new FakeKinesis("stream", 1, 1024 * 1024);
    kinesis.describeFailure =
        ResourceNotFoundException.builder().message("Stream stream not found").build();

    assertThatThrownBy(() -> start(Map.of(), false))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("'stream'");
  }

  @Test
  void aStartThatFailsOnTheStreamCheckReleasesThePortAndTheTaskThreads() {
    Set<Thread> before = ourThreads();
    kinesis = new FakeKinesis("stream", 1, 1024 * 1024);
    kinesis.describeFailure =
        ResourceNotFoundException.builder().message("Stream stream not found").build();

    assertThatThrownBy(() -> start(Map.of(), false)).isInstanceOf(ConnectException.class);
    // Connect calls stop() after a failed start; it must find nothing left to close twice.
    task.stop();

    assertThat(kinesis.closes.get()).as("port closes").isEqualTo(1);
    // By identity: threads of earlier tests that end meanwhile must neither fail nor pass this.
    awaitNoneLeft(before);
  }

  @Test
  void stopClosesThePortOnce() {
    kinesis = new FakeKinesis("stream", 1, 1024 * 1024);
    start(Map.of(), false);

    task.stop();

    assertThat(kinesis.closes.get()).isEqualTo(1);
  }

  /** Live threads the sink names: the shard-map refresher and the pipeline's timer. */
  private static Set<Thread> ourThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(
            t ->
                t.getName().equals("kinesis-sink-shard-maps")
                    || t.getName().startsWith("kinesis-bridge-"))
        .collect(Collectors.toSet());
  }

  /** Waits up to 10 s until no thread of ours lives that did not live before; names any left. */
  private static void awaitNoneLeft(Set<Thread> before) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    Set<Thread> started = startedSince(before);
    while (!started.isEmpty() && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofMillis(5));
      started = startedSince(before);
    }
    assertThat(started.stream().map(Thread::getName).sorted().toList())
        .as("threads the failed start left running")
        .isEmpty();
  }

  private static Set<Thread> startedSince(Set<Thread> before) {
    Set<Thread> started = ourThreads();
    started.removeAll(before);
    return started;
  }

  @Test
  void accessDeniedOnPutFailsTheNextPutOrPreCommitWithoutCommittingTheRecords() {
    kinesis = new FakeKinesis("stream", 1, 1024 * 1024);
    kinesis.entryFault = (call, entry) -> "AccessDeniedException";
    start(Map.of(), false);

    task.put(records(0, 10, 2));

    eventually(
        () -> {
          try {
            task.preCommit(current());
            return false;
          } catch (ConnectException e) {
            return true;
          }
        });
    assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class);
  }

  @Test
  void aggregationPacksRecordsOfOneShardIntoFewKinesisRecordsThatDecodeToTheOriginals() {
    kinesis = new FakeKinesis("stream", 4, 1024 * 1024);
    start(Map.of("kinesis.aggregation.enabled", "true"), false);

    task.put(records(0, 2000, 64));

    eventually(() -> committed(P0) == 2000);
    Map<String, List<DeaggregatedRecord>> byShard = kinesis.userRecordsByShard();
    assertThat(byShard.values().stream().mapToInt(List::size).sum()).isEqualTo(2000);
    assertThat(kinesis.storedEntries()).as("Kinesis records for 2000 user records").isLessThan(200);
    byShard.forEach(
        (shard, records) -> {
          assertInPartitionOrder(values(records));
          for (DeaggregatedRecord record : records) {
            String owner =
                kinesis
                    .shards
                    .shardFor(
                        io.kinesisbridge.common.aggregation.HashKeys.hashKeyOf(
                            record.partitionKey()))
                    .orElseThrow()
                    .shardId();
            assertThat(owner).as("user record in the shard its key maps to").isEqualTo(shard);
          }
        });
  }

  @Test
  void taskGaugesArePublishedOverJmxWithSentAndAggregationFigures() throws Exception {
    kinesis = new FakeKinesis("stream", 2, 1024 * 1024);
    start(Map.of("kinesis.aggregation.enabled", "true"), false);

    task.put(records(0, 500, 8));
    eventually(() -> committed(P0) == 500);

    javax.management.MBeanServer server =
        java.lang.management.ManagementFactory.getPlatformMBeanServer();
    var names =
        server.queryNames(
            new javax.management.ObjectName("kinesis.bridge:type=\"kinesis-sink-task\",*"), null);
    assertThat(names).hasSize(1);
    var name = names.iterator().next();
    assertThat(((Number) server.getAttribute(name, "records-acknowledged-total")).longValue())
        .isEqualTo(500);
    assertThat(((Number) server.getAttribute(name, "records-per-entry-avg")).doubleValue())
        .isGreaterThan(10);
  }

  @Test
  void spreadPartitionsSendsEachPartitionToItsOwnShard() {
    kinesis = new FakeKinesis("stream", 4, 1024 * 1024);
    start(Map.of("kinesis.explicit.hash.key", "spread-partitions"), false);
    List<SinkRecord> batch = new ArrayList<>();
    for (int partition = 0; partition < 4; partition++) {
      for (int i = 0; i < 10; i++) {
        batch.add(record(partition, i, "same-key", "p" + partition + "-" + i));
      }
    }

    task.put(batch);

    eventually(() -> kinesis.storedEntries() == 40);
    kinesis
        .userRecordsByShard()
        .values()
        .forEach(
            records -> {
              assertThat(records).hasSize(10);
              assertThat(values(records).stream().map(v -> v.split("-")[0]).distinct()).hasSize(1);
            });
  }

  @Test
  void whenUnacknowledgedBytesPassTheBoundThePartitionsArePausedAndLaterResumed() {
    kinesis = new FakeKinesis("stream", 1, 1024 * 1024);
    kinesis.callFailure =
        SdkClientException.builder().cause(new java.io.IOException("Connection refused")).build();
    start(Map.of("kinesis.buffer.max.bytes", String.valueOf(1024 * 1024)), false);
    List<SinkRecord> big = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      big.add(record(0, i, "k", "v".repeat(100_000)));
    }

    task.put(big);
    assertThat(context.paused).containsExactlyInAnyOrder(P0, P1);

    kinesis.callFailure = null;
    eventually(
        () -> {
          task.put(List.of());
          return context.paused.isEmpty();
        });
    eventually(() -> committed(P0) == 20);
  }
}
