package io.kinesisbridge.source.read;

import io.kinesisbridge.source.FakeFanOut;
import io.kinesisbridge.source.FakeFanOut.FakeSubscription;
import io.kinesisbridge.source.FakeKinesisReader;
import io.kinesisbridge.source.kinesis.KinesisRecordData;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.StartPosition;
import io.kinesisbridge.source.offset.ShardOffset;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FanOutReaderTest {

  private static final ShardInfo SHARD = ShardInfo.open("orders", "shardId-000000000000");

  private final FakeFanOut fanOut = new FakeFanOut();
  private final FakeKinesisReader kinesis = new FakeKinesisReader();
  private final Map<ShardKey, ShardOffset> committed = new HashMap<>();
  private final List<ShardMeter> adopted = new ArrayList<>();
  private final List<SourceRecord> delivered = new ArrayList<>();
  private StartPosition initial = StartPosition.trimHorizon();
  private long now = 1_000_000;

  private FanOutReader reader(ShardInfo... shards) {
    for (ShardInfo shard : shards) {
      kinesis.shard(shard);
    }
    return readerOf(shards);
  }

  /** A reader of shards already added to the fake Kinesis. */
  private FanOutReader readerOf(ShardInfo... shards) {
    return new FanOutReader(
        fanOut,
        stream -> fanOut.activeConsumer(stream, "bridge"),
        new ShardEndCheck(kinesis),
        new ReadSettings(initial, Duration.ofMillis(1_000), 1_000),
        new RecordConverter(stream -> "kafka-" + stream, true),
        List.of(shards),
        committed,
        () -> now,
        adopted::add);
  }

  private List<KinesisRecordData> put(ShardKey shard, int count, String prefix) {
    List<KinesisRecordData> written = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      written.add(kinesis.put(shard, "key-" + i, (prefix + i).getBytes(StandardCharsets.UTF_8)));
    }
    return written;
  }

  /** Polls like Connect, which acknowledges each record once Kafka has it. */
  private void poll(FanOutReader reader, int rounds) throws InterruptedException {
    for (int i = 0; i < rounds; i++) {
      List<SourceRecord> batch = reader.poll();
      delivered.addAll(batch);
      batch.forEach(reader::acknowledged);
    }
  }

  private List<String> values() {
    return delivered.stream()
        .map(r -> new String((byte[]) r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  private static ShardOffset offsetOf(SourceRecord record) {
    return ShardOffset.fromMap(record.sourceOffset());
  }

  @Test
  void pushedEventsBecomeRecordsInShardOrderWithTheirOffsets() throws Exception {
    FanOutReader reader = reader(SHARD);
    List<KinesisRecordData> records = put(SHARD.key(), 5, "v");

    poll(reader, 1);
    FakeSubscription subscription = fanOut.latest(SHARD.key());
    subscription.push(
        FakeFanOut.event(records.subList(0, 3)), FakeFanOut.event(records.subList(3, 5)));
    poll(reader, 1);

    assertThat(values()).containsExactly("v0", "v1", "v2", "v3", "v4");
    assertThat(offsetOf(delivered.get(4)).sequence()).isEqualTo(records.get(4).sequenceNumber());
    assertThat(subscription.from()).isEqualTo(StartPosition.trimHorizon());
    assertThat(subscription.consumerArn()).endsWith("/consumer/bridge");
    assertThat(reader.meters().get(0).gauges()).containsEntry("records-delivered", 5L);
  }

  @Test
  void noMoreEventsAreRequestedThanTheShardBufferHolds() throws Exception {
    FanOutReader reader = reader(SHARD);
    List<KinesisRecordData> records = put(SHARD.key(), 6, "v");
    poll(reader, 1);
    FakeSubscription subscription = fanOut.latest(SHARD.key());

    for (KinesisRecordData record : records) {
      subscription.push(FakeFanOut.event(List.of(record)));
    }

    assertThat(subscription.requestedTotal()).isEqualTo(FanOutShard.EVENTS_PER_SHARD);
    assertThat(subscription.unsent()).isEqualTo(6 - FanOutShard.EVENTS_PER_SHARD);
    poll(reader, 3);
    assertThat(values()).containsExactly("v0", "v1", "v2", "v3", "v4", "v5");
    assertThat(subscription.unsent()).isZero();
  }

  @Test
  void aSubscriptionThatRunsOutIsResumedAtTheLastRecordReceivedWithoutDuplicates()
      throws Exception {
    FanOutReader reader = reader(SHARD);
    List<KinesisRecordData> records = put(SHARD.key(), 4, "v");
    poll(reader, 1);
    FakeSubscription first = fanOut.latest(SHARD.key());
    first.push(FakeFanOut.event(records.subList(0, 2)));
    poll(reader, 1);

    first.end(null);
    poll(reader, 1);
    FakeSubscription second = fanOut.latest(SHARD.key());
    second.push(FakeFanOut.event(records.subList(1, 4)));
    poll(reader, 1);

    assertThat(second).isNotSameAs(first);
    assertThat(second.from()).isEqualTo(StartPosition.atSequence(records.get(1).sequenceNumber()));
    assertThat(values()).containsExactly("v0", "v1", "v2", "v3");
    assertThat(reader.stats().resubscribes()).isEqualTo(1);
  }

  @Test
  void aSubscriptionIsRenewedBeforeFiveMinutesAndLateEventsOfTheOldOneAreIgnored()
      throws Exception {
    FanOutReader reader = reader(SHARD);
    List<KinesisRecordData> records = put(SHARD.key(), 3, "v");
    poll(reader, 1);
    FakeSubscription first = fanOut.latest(SHARD.key());
    first.push(FakeFanOut.event(records.subList(0, 1)));
    poll(reader, 1);

    now += FanOutReader.RENEW_AFTER_MS;
    poll(reader, 1);
    first.deliverLate(FakeFanOut.event(records.subList(1, 2)));
    FakeSubscription second = fanOut.latest(SHARD.key());
    second.push(FakeFanOut.event(records.subList(0, 3)));
    poll(reader, 1);

    assertThat(first.cancelled()).isTrue();
    assertThat(FanOutReader.RENEW_AFTER_MS).isLessThan(Duration.ofMinutes(5).toMillis());
    assertThat(second.from()).isEqualTo(StartPosition.atSequence(records.get(0).sequenceNumber()));
    assertThat(values()).containsExactly("v0", "v1", "v2");
  }

  @Test
  void resourceInUseIsRetriedAfterABackoffAndPersistentFailureFailsTheTask() throws Exception {
    FanOutReader reader = reader(SHARD);
    poll(reader, 1);
    fanOut.latest(SHARD.key()).end(ResourceInUseException.builder().message("in use").build());

    poll(reader, 1);
    assertThat(fanOut.subscriptions(SHARD.key())).hasSize(1);
    now += 1_000;
    poll(reader, 1);
    assertThat(fanOut.subscriptions(SHARD.key())).hasSize(2);
    assertThat(reader.gauges()).containsEntry("failed-calls", 1L);

    assertThatThrownBy(
            () -> {
              for (int i = 0; i < FanOutReader.MAX_FAILURES_IN_A_ROW; i++) {
                fanOut
                    .latest(SHARD.key())
                    .end(new java.io.UncheckedIOException(new IOException("connection reset")));
                reader.poll();
                now += 60_000;
                reader.poll();
              }
            })
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(SHARD.key().toString())
        .hasMessageContaining("in a row");
  }

  @Test
  void aFatalErrorFailsTheTaskAtOnceWithTheReason() throws Exception {
    FanOutReader reader = reader(SHARD);
    poll(reader, 1);
    fanOut
        .latest(SHARD.key())
        .end(
            KinesisException.builder()
                .message("not authorized to perform kinesis:SubscribeToShard")
                .statusCode(403)
                .awsErrorDetails(
                    software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("AccessDeniedException")
                        .build())
                .build());

    assertThatThrownBy(() -> reader.poll())
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("AccessDeniedException");
  }

  @Test
  void theLastEventEndsTheParentAndItsChildIsAdoptedAndReadAfterIt() throws Exception {
    ShardInfo child = new ShardInfo("orders", "shardId-000000000001", SHARD.shardId(), null, false);
    ShardInfo foreignChild =
        new ShardInfo("orders", "shardId-000000000002", SHARD.shardId(), "shardId-9", false);
    FanOutReader reader = reader(SHARD);
    kinesis.shard(child);
    List<KinesisRecordData> parentRecords = put(SHARD.key(), 2, "p");
    List<KinesisRecordData> childRecords = put(child.key(), 1, "c");
    poll(reader, 1);

    fanOut.latest(SHARD.key()).push(FakeFanOut.lastEvent(parentRecords, child, foreignChild));
    poll(reader, 2);
    fanOut.latest(child.key()).push(FakeFanOut.event(childRecords));
    poll(reader, 1);

    assertThat(values()).containsExactly("p0", "p1", "c0");
    assertThat(offsetOf(delivered.get(1)).finished()).isTrue();
    assertThat(fanOut.latest(child.key()).from()).isEqualTo(StartPosition.trimHorizon());
    assertThat(fanOut.subscriptions(foreignChild.key())).isEmpty();
    assertThat(adopted).extracting(ShardMeter::shard).containsExactly(child.key());
    assertThat(reader.meters()).hasSize(2);
  }

  @Test
  void aChildIsNotSubscribedBeforeItsParentOnTheSameTaskIsFinished() throws Exception {
    ShardInfo parent = new ShardInfo("orders", SHARD.shardId(), null, null, true);
    ShardInfo child = new ShardInfo("orders", "shardId-000000000001", SHARD.shardId(), null, false);
    FanOutReader reader = reader(parent, child);
    put(parent.key(), 1, "p");
    poll(reader, 2);

    assertThat(fanOut.subscriptions(parent.key())).hasSize(1);
    assertThat(fanOut.subscriptions(child.key())).isEmpty();
  }

  @Test
  void aClosedShardWhoseSubscriptionNeverEndsIsFinishedByTheEndCheck() throws Exception {
    ShardInfo closed = new ShardInfo("orders", SHARD.shardId(), null, null, true);
    FanOutReader reader = reader(closed);
    List<KinesisRecordData> records = put(closed.key(), 3, "v");
    poll(reader, 1);

    fanOut.latest(closed.key()).push(FakeFanOut.event(records));
    poll(reader, 1);
    assertThat(values()).containsExactly("v0", "v1");
    now += FanOutReader.END_CHECK_INTERVAL_MS;
    poll(reader, 1);

    assertThat(values()).containsExactly("v0", "v1", "v2");
    assertThat(offsetOf(delivered.get(2)).finished()).isTrue();
    assertThat(reader.allFinished()).isTrue();
    assertThat(fanOut.latest(closed.key()).cancelled()).isTrue();
  }

  @Test
  void aClosedShardEndingWithAnAggregateOfAnotherShardIsStillFinishedByTheEndCheck()
      throws Exception {
    java.math.BigInteger half = java.math.BigInteger.ONE.shiftLeft(127);
    ShardInfo closed =
        new ShardInfo(
            "orders",
            SHARD.shardId(),
            null,
            null,
            true,
            new io.kinesisbridge.source.kinesis.HashKeyRange(
                java.math.BigInteger.ZERO, half.subtract(java.math.BigInteger.ONE)));
    FanOutReader reader = reader(closed);
    List<KinesisRecordData> records = new ArrayList<>(put(closed.key(), 2, "v"));
    records.add(
        kinesis.put(
            closed.key(),
            "agg",
            io.kinesisbridge.common.aggregation.AggregateEncoder.encode(
                List.of(
                    new io.kinesisbridge.common.aggregation.UserRecord(
                        "k", half.add(java.math.BigInteger.ONE).toString(), new byte[] {1})))));
    poll(reader, 1);

    fanOut.latest(closed.key()).push(FakeFanOut.event(records));
    poll(reader, 1);
    now += FanOutReader.END_CHECK_INTERVAL_MS;
    poll(reader, 1);

    assertThat(values()).containsExactly("v0", "v1");
    assertThat(offsetOf(delivered.get(1)).finished()).isTrue();
    assertThat(reader.allFinished()).isTrue();
    assertThat(reader.meters().get(0).gauges()).containsEntry("records-dropped-out-of-range", 1L);
  }

  @Test
  void aCommittedPositionPastRetentionFallsBackToTheOldestRetainedRecord() throws Exception {
    kinesis.shard(SHARD);
    List<KinesisRecordData> records = put(SHARD.key(), 5, "v");
    committed.put(SHARD.key(), new ShardOffset(records.get(1).sequenceNumber(), 0, false));
    FanOutReader reader = readerOf(SHARD);
    poll(reader, 1);
    fanOut
        .latest(SHARD.key())
        .end(InvalidArgumentException.builder().message("Invalid StartingSequenceNumber").build());
    poll(reader, 1);

    assertThat(fanOut.subscriptions(SHARD.key())).hasSize(2);
    assertThat(fanOut.subscriptions(SHARD.key()).get(0).from())
        .isEqualTo(StartPosition.atSequence(records.get(1).sequenceNumber()));
    assertThat(fanOut.latest(SHARD.key()).from()).isEqualTo(StartPosition.trimHorizon());
  }
}
