package io.kinesisbridge.source.read;

import io.kinesisbridge.common.aggregation.AggregateEncoder;
import io.kinesisbridge.common.aggregation.UserRecord;
import io.kinesisbridge.source.FakeKinesisReader;
import io.kinesisbridge.source.kinesis.HashKeyRange;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.StartPosition;
import io.kinesisbridge.source.offset.ShardOffset;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardPollerTest {

  private static final ShardKey SHARD = new ShardKey("orders", "shardId-000000000000");

  /** {@link #SHARD} after a split closed it, and one of its children. */
  private static final ShardInfo CLOSED_PARENT =
      new ShardInfo("orders", SHARD.shardId(), null, null, true);

  private static final ShardInfo CHILD =
      new ShardInfo("orders", "shardId-000000000001", SHARD.shardId(), null, false);

  private final FakeKinesisReader kinesis = new FakeKinesisReader();
  private final Map<ShardKey, ShardOffset> committed = new HashMap<>();
  private long now = 1_000_000;
  private final List<SourceRecord> delivered = new ArrayList<>();

  private ShardPoller poller(List<ShardInfo> shards, int maxRecords) {
    return poller(shards, maxRecords, StartPosition.trimHorizon());
  }

  private ShardPoller poller(List<ShardInfo> shards, int maxRecords, StartPosition initial) {
    return new ShardPoller(
        kinesis,
        new ReadSettings(initial, Duration.ofMillis(1_000), maxRecords),
        new RecordConverter(stream -> "kafka-" + stream, true),
        shards,
        committed,
        () -> now,
        millis -> now += millis);
  }

  /** Polls like Connect, which acknowledges each record once Kafka has it. */
  private void pollRounds(ShardPoller poller, int rounds) throws InterruptedException {
    for (int i = 0; i < rounds; i++) {
      List<SourceRecord> batch = poller.poll();
      delivered.addAll(batch);
      batch.forEach(poller::acknowledged);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private List<String> values() {
    return delivered.stream()
        .map(r -> new String((byte[]) r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  private void putPlain(ShardKey shard, int count, String prefix) {
    for (int i = 0; i < count; i++) {
      kinesis.put(shard, "key-" + i, utf8(prefix + i));
    }
  }

  @Test
  void recordsCarryKeyValueTimestampHeadersAndOffset() throws Exception {
    kinesis.shard(ShardInfo.open(SHARD.stream(), SHARD.shardId()));
    var written = kinesis.put(SHARD, "pk-1", utf8("hello"));

    pollRounds(poller(List.of(ShardInfo.open(SHARD.stream(), SHARD.shardId())), 100), 1);

    assertThat(delivered).hasSize(1);
    SourceRecord record = delivered.get(0);
    assertThat(record.topic()).isEqualTo("kafka-orders");
    assertThat(record.key()).isEqualTo("pk-1");
    assertThat(record.timestamp()).isEqualTo(written.arrival().toEpochMilli());
    assertThat(record.sourcePartition())
        .isEqualTo(Map.of("stream", "orders", "shard", SHARD.shardId()));
    assertThat(record.sourceOffset().get("sequence")).isEqualTo(written.sequenceNumber());
    assertThat(record.headers().lastWithName("kinesis.stream").value()).isEqualTo("orders");
    assertThat(record.headers().lastWithName("kinesis.shard.id").value())
        .isEqualTo(SHARD.shardId());
    assertThat(record.headers().lastWithName("kinesis.sequence.number").value())
        .isEqualTo(written.sequenceNumber());
    assertThat(record.headers().lastWithName("kinesis.partition.key").value()).isEqualTo("pk-1");
    assertThat(record.headers().lastWithName("kinesis.sub.sequence.number")).isNull();
  }

  @Test
  void aggregatedRecordsComeOutAsUserRecordsWithSubSequenceNumbers() throws Exception {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    kinesis.put(SHARD, "agg", aggregate("a", "b", "c"));

    pollRounds(poller(List.of(shard), 100), 1);

    assertThat(values()).containsExactly("a", "b", "c");
    assertThat(delivered.get(2).headers().lastWithName("kinesis.sub.sequence.number").value())
        .isEqualTo(2L);
    assertThat(delivered.get(2).key()).isEqualTo("key-c");
  }

  private static byte[] aggregate(String... values) {
    return AggregateEncoder.encode(
        Arrays.stream(values).map(v -> UserRecord.of("key-" + v, utf8(v))).toList());
  }

  /** The lower half of the hash key space, as the first of two shards of a stream. */
  private static final HashKeyRange LOWER_HALF =
      new HashKeyRange(BigInteger.ZERO, BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE));

  private static final String IN_LOWER_HALF = "12345";
  private static final String IN_UPPER_HALF =
      BigInteger.ONE.shiftLeft(127).add(BigInteger.TEN).toString();

  private static byte[] routedAggregate(String... valueAndHashKey) {
    List<UserRecord> records = new ArrayList<>();
    for (int i = 0; i < valueAndHashKey.length; i += 2) {
      records.add(
          new UserRecord(
              "key-" + valueAndHashKey[i], valueAndHashKey[i + 1], utf8(valueAndHashKey[i])));
    }
    return AggregateEncoder.encode(records);
  }

  @Test
  void anAggregateHoldingARecordOfAnotherShardIsDroppedWholeAndCounted() throws Exception {
    ShardInfo shard = new ShardInfo(SHARD.stream(), SHARD.shardId(), null, null, false, LOWER_HALF);
    kinesis.shard(shard);
    kinesis.put(SHARD, "p", utf8("before"));
    kinesis.put(
        SHARD, "agg", routedAggregate("a", IN_LOWER_HALF, "b", IN_UPPER_HALF, "c", IN_LOWER_HALF));
    kinesis.put(SHARD, "agg", routedAggregate("d", IN_LOWER_HALF, "e", IN_LOWER_HALF));
    kinesis.put(SHARD, "p", utf8("after"));
    ShardPoller poller = poller(List.of(shard), 100);

    pollRounds(poller, 1);

    assertThat(values()).containsExactly("before", "d", "e", "after");
    assertThat(poller.meters().get(0).gauges()).containsEntry("records-dropped-out-of-range", 3L);
    assertThat(poller.gauges()).containsEntry("records-dropped-out-of-range", 3L);
  }

  @Test
  void aClosedShardEndingWithADroppedAggregateFinishesAndOpensItsChild() throws Exception {
    ShardInfo parent = new ShardInfo(SHARD.stream(), SHARD.shardId(), null, null, true, LOWER_HALF);
    kinesis.shard(parent).shard(CHILD);
    kinesis.put(SHARD, "p", utf8("parent0"));
    kinesis.put(SHARD, "agg", routedAggregate("x", IN_UPPER_HALF, "y", IN_LOWER_HALF));
    putPlain(CHILD.key(), 1, "child");
    ShardPoller poller = poller(List.of(parent, CHILD), 100);

    pollRounds(poller, 10);

    assertThat(values()).containsExactly("parent0", "child0");
    assertThat(delivered.get(0).sourceOffset().get("finished")).isEqualTo(true);
  }

  @Test
  void aRestartInsideADroppedAggregateGoesOnAfterIt() throws Exception {
    ShardInfo shard = new ShardInfo(SHARD.stream(), SHARD.shardId(), null, null, false, LOWER_HALF);
    kinesis.shard(shard);
    var agg = kinesis.put(SHARD, "agg", routedAggregate("a", IN_LOWER_HALF, "b", IN_UPPER_HALF));
    kinesis.put(SHARD, "p", utf8("after"));
    committed.put(SHARD, new ShardOffset(agg.sequenceNumber(), 0, false));

    pollRounds(poller(List.of(shard), 100), 1);

    assertThat(values()).containsExactly("after");
  }

  @Test
  void aRestartResumesInsideAnAggregateAfterTheLastCommittedUserRecord() throws Exception {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    kinesis.put(SHARD, "p", utf8("before"));
    var agg = kinesis.put(SHARD, "agg", aggregate("a", "b", "c", "d"));
    kinesis.put(SHARD, "p", utf8("after"));
    committed.put(SHARD, new ShardOffset(agg.sequenceNumber(), 1, false));

    pollRounds(poller(List.of(shard), 100), 1);

    assertThat(values()).containsExactly("c", "d", "after");
    assertThat(kinesis.iteratorRequests())
        .containsExactly(StartPosition.atSequence(agg.sequenceNumber()));
  }

  @Test
  void aRestartAfterAPlainRecordDoesNotDeliverItAgain() throws Exception {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    putPlain(SHARD, 5, "v");
    committed.put(SHARD, ShardOffset.fromMap(Map.of("sequence", "49000020", "subsequence", 0)));

    pollRounds(poller(List.of(shard), 100), 1);

    assertThat(values()).containsExactly("v3", "v4");
  }

  @Test
  void anExpiredIteratorIsRebuiltFromTheLastRecordWithoutLossOrDuplicates() throws Exception {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    putPlain(SHARD, 3, "v");
    ShardPoller poller = poller(List.of(shard), 100);
    pollRounds(poller, 1);
    putPlain(SHARD, 2, "w");
    kinesis.expireNext(1);

    pollRounds(poller, 20);

    assertThat(values()).containsExactly("v0", "v1", "v2", "w0", "w1");
    assertThat(poller.stats().iteratorRenewals()).isEqualTo(1);
    assertThat(kinesis.iteratorRequests())
        .last()
        .isEqualTo(StartPosition.afterSequence("49000020"));
  }

  @Test
  void anExpiredLatestIteratorOfAShardWithNothingReadYetKeepsWhatWasWrittenMeanwhile()
      throws Exception {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    kinesis.arrivalClock(() -> now);
    putPlain(SHARD, 2, "old");
    now += 60_000;
    ShardPoller poller = poller(List.of(shard), 100, StartPosition.latest());
    poller.wallClock(() -> java.time.Instant.ofEpochMilli(now));
    pollRounds(poller, 1);
    now += 600_000;
    putPlain(SHARD, 2, "w");
    kinesis.expireNext(1);

    pollRounds(poller, 10);

    assertThat(values()).containsExactly("w0", "w1");
    assertThat(kinesis.iteratorRequests())
        .containsExactly(
            StartPosition.latest(),
            StartPosition.atTimestamp(
                java.time.Instant.ofEpochMilli(1_060_000).minus(ShardCursor.CLOCK_SKEW_MARGIN)));
  }

  @Test
  void aTransientFailureKeepsTheIteratorSoALatestShardLosesNothing() throws Exception {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    ShardPoller poller = poller(List.of(shard), 100, StartPosition.latest());
    pollRounds(poller, 1);
    putPlain(SHARD, 2, "w");
    kinesis.failNext(awsError(500, "InternalFailure"), awsError(503, "ServiceUnavailable"));

    pollRounds(poller, 10);

    assertThat(values()).containsExactly("w0", "w1");
    assertThat(kinesis.iteratorRequests()).containsExactly(StartPosition.latest());
  }

  @Test
  void throttlingBacksOffExponentiallyAndThenReadsOn() throws Exception {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    putPlain(SHARD, 2, "v");
    kinesis.throttleNext(3);
    ShardPoller poller = poller(List.of(shard), 100);
    long started = now;

    while (delivered.isEmpty()) {
      pollRounds(poller, 1);
    }

    assertThat(values()).containsExactly("v0", "v1");
    assertThat(poller.stats().throttles()).isEqualTo(3);
    // 400 + 800 + 1600 ms of backoff before the fourth call succeeds.
    assertThat(now - started).isGreaterThanOrEqualTo(2_800);
  }

  @Test
  void aShardIsCalledAtMostFiveTimesPerSecond() throws Exception {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    putPlain(SHARD, 50, "v");
    ShardPoller poller = poller(List.of(shard), 1);
    long started = now;

    while (delivered.size() < 50) {
      pollRounds(poller, 1);
    }

    assertThat(now - started).isGreaterThanOrEqualTo(49 * 200L);
  }

  @Test
  void aCorruptAggregateIsPassedThroughUnchanged() throws Exception {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    byte[] corrupt = aggregate("a", "b");
    corrupt[corrupt.length - 1] ^= 1;
    kinesis.put(SHARD, "agg", corrupt);

    pollRounds(poller(List.of(shard), 100), 1);

    assertThat(delivered).hasSize(1);
    assertThat((byte[]) delivered.get(0).value()).isEqualTo(corrupt);
    assertThat(delivered.get(0).key()).isEqualTo("agg");
  }

  @Test
  void aChildShardIsReadOnlyAfterItsParentIsReadToItsEnd() throws Exception {
    kinesis.shard(CLOSED_PARENT).shard(CHILD);
    putPlain(SHARD, 3, "parent");
    putPlain(CHILD.key(), 2, "child");
    ShardPoller poller = poller(List.of(CHILD, CLOSED_PARENT), 100);

    pollRounds(poller, 10);

    assertThat(values()).containsExactly("parent0", "parent1", "parent2", "child0", "child1");
    SourceRecord lastOfParent = delivered.get(2);
    assertThat(lastOfParent.sourceOffset().get("finished")).isEqualTo(true);
    assertThat(delivered.get(1).sourceOffset()).doesNotContainKey("finished");
  }

  @Test
  void aChildWhoseParentIsNotAssignedHereIsReadAtOnce() throws Exception {
    kinesis.shard(CHILD);
    putPlain(CHILD.key(), 2, "child");

    pollRounds(poller(List.of(CHILD), 100), 1);

    assertThat(values()).containsExactly("child0", "child1");
  }

  @Test
  void aParentWhoseCommittedOffsetIsFinishedIsNotReadAgainAndOpensItsChild() throws Exception {
    kinesis.shard(CLOSED_PARENT).shard(CHILD);
    putPlain(SHARD, 1, "parent");
    putPlain(CHILD.key(), 1, "child");
    committed.put(SHARD, new ShardOffset("49000000", 0, true));

    pollRounds(poller(List.of(CLOSED_PARENT, CHILD), 100), 1);

    assertThat(values()).containsExactly("child0");
  }

  @Test
  void aClosedShardWithoutNewRecordsAfterItsOffsetFinishesAndOpensItsChild() throws Exception {
    kinesis.shard(CLOSED_PARENT).shard(CHILD);
    putPlain(SHARD, 2, "parent");
    putPlain(CHILD.key(), 1, "child");
    committed.put(SHARD, new ShardOffset("49000010", 0, false));

    pollRounds(poller(List.of(CLOSED_PARENT, CHILD), 100), 10);

    assertThat(values()).containsExactly("child0");
  }

  @Test
  void manyShardsAreReadInTurnOnTheCallersThread() throws Exception {
    List<ShardInfo> shards = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ShardInfo shard = ShardInfo.open("orders", "shardId-" + i);
      shards.add(shard);
      kinesis.shard(shard);
      putPlain(shard.key(), 5, shard.shardId() + "-");
    }

    pollRounds(poller(shards, 1_000), 3);

    assertThat(delivered).hasSize(100);
  }

  private static KinesisException awsError(int status, String code) {
    return (KinesisException)
        KinesisException.builder()
            .statusCode(status)
            .message(code)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }

  @Test
  void aTransientFailureIsRetriedAfterABackoffWithoutLoss() throws Exception {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    putPlain(SHARD, 3, "v");
    kinesis.failNext(awsError(500, "InternalFailure"), awsError(503, "ServiceUnavailable"));
    ShardPoller poller = poller(List.of(shard), 100);

    pollRounds(poller, 10);

    assertThat(values()).containsExactly("v0", "v1", "v2");
  }

  @Test
  void aFatalFailureFailsTheTaskWithTheReason() {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    kinesis.failNext(awsError(400, "AccessDeniedException"));
    ShardPoller poller = poller(List.of(shard), 100);

    assertThatThrownBy(() -> pollRounds(poller, 1))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(SHARD.toString());
  }

  @Test
  void aClosedShardPastRetentionIsSkippedAndOpensItsChild() throws Exception {
    kinesis.shard(CLOSED_PARENT).shard(CHILD);
    putPlain(CHILD.key(), 1, "child");
    kinesis.ageOut(SHARD);
    ShardPoller poller = poller(List.of(CLOSED_PARENT, CHILD), 100);

    pollRounds(poller, 3);

    assertThat(values()).containsExactly("child0");
  }

  @Test
  void aClosedShardThatAgesOutWithARecordHeldBackHandsItOutMarkedFinished() throws Exception {
    kinesis.shard(CLOSED_PARENT).shard(CHILD);
    putPlain(SHARD, 2, "parent");
    putPlain(CHILD.key(), 1, "child");
    ShardPoller poller = poller(List.of(CLOSED_PARENT, CHILD), 100);
    pollRounds(poller, 1);
    assertThat(values()).containsExactly("parent0");
    kinesis.ageOut(SHARD);

    pollRounds(poller, 10);

    assertThat(values()).containsExactly("parent0", "parent1", "child0");
    assertThat(delivered.get(1).sourceOffset().get("finished")).isEqualTo(true);
  }

  @Test
  void aDeletedStreamFailsTheTaskNamingTheStreamAndTheShard() throws Exception {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    putPlain(SHARD, 1, "v");
    ShardPoller poller = poller(List.of(shard), 100);
    pollRounds(poller, 1);
    kinesis.deleteStream(SHARD.stream());

    assertThatThrownBy(() -> pollRounds(poller, 10))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("stream 'orders'")
        .hasMessageContaining(SHARD.shardId())
        .hasMessageContaining("no longer exists");
    assertThat(poller.allFinished()).isFalse();
  }

  @Test
  void anOpenShardReportedMissingFailsTheTask() {
    ShardInfo shard = ShardInfo.open(SHARD.stream(), SHARD.shardId());
    kinesis.shard(shard);
    kinesis.failNext(awsError(400, "ResourceNotFoundException"));
    ShardPoller poller = poller(List.of(shard), 100);

    assertThatThrownBy(() -> pollRounds(poller, 10))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(SHARD.shardId());
  }

  @Test
  void aCommittedPositionPastRetentionFallsBackToTheOldestRetainedRecord() throws Exception {
    kinesis.shard(ShardInfo.open(SHARD.stream(), SHARD.shardId()));
    putPlain(SHARD, 6, "v");
    committed.put(SHARD, new ShardOffset("49000010", 0, false));
    kinesis.trim(SHARD, 3);

    pollRounds(poller(List.of(ShardInfo.open(SHARD.stream(), SHARD.shardId())), 100), 3);

    assertThat(values()).containsExactly("v3", "v4", "v5");
    assertThat(kinesis.iteratorRequests())
        .containsExactly(StartPosition.atSequence("49000010"), StartPosition.trimHorizon());
  }

  @Test
  void aChildOfAShardReadBeforeStartsAtTrimHorizonEvenWithLatest() throws Exception {
    ShardInfo fresh = ShardInfo.open("orders", "shardId-000000000002");
    kinesis.shard(CHILD).shard(fresh);
    putPlain(CHILD.key(), 2, "c");
    putPlain(fresh.key(), 2, "f");
    committed.put(SHARD, new ShardOffset("49000000", 0, true));

    pollRounds(poller(List.of(CHILD, fresh), 100, StartPosition.latest()), 1);

    assertThat(values()).containsExactly("c0", "c1");
    assertThat(kinesis.iteratorRequests())
        .containsExactlyInAnyOrder(StartPosition.trimHorizon(), StartPosition.latest());
  }

  @Test
  void aChildWaitsUntilKafkaAcknowledgedTheLastRecordOfItsParent() throws Exception {
    kinesis.shard(CLOSED_PARENT).shard(CHILD);
    putPlain(SHARD, 2, "parent");
    putPlain(CHILD.key(), 1, "child");
    ShardPoller poller = poller(List.of(CHILD, CLOSED_PARENT), 100);

    List<SourceRecord> unacknowledged = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      unacknowledged.addAll(poller.poll());
    }
    assertThat(unacknowledged)
        .extracting(r -> ShardOffset.fromMap(r.sourceOffset()).finished())
        .containsExactly(false, true);
    unacknowledged.forEach(poller::acknowledged);
    pollRounds(poller, 2);

    assertThat(values()).containsExactly("child0");
  }
}
