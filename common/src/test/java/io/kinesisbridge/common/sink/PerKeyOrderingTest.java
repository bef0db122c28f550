package io.kinesisbridge.common.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-key order: lanes by key slot, or by shard with the key's slot keeping order when a new shard
 * map moves the key to another lane.
 */
class PerKeyOrderingTest {

  private static PipelineSettings.Builder ordered() {
    return PipelineFixture.settings()
        .ordered(true)
        .maxEntriesPerRequest(50)
        .maxInFlightRequests(4)
        .linger(Duration.ofMillis(5))
        .backoff(Duration.ofMillis(10), Duration.ofMillis(80));
  }

  private static int slot(String key) {
    return Submission.keySlot(key.hashCode());
  }

  @ParameterizedTest(name = "{0} keys, lanes by {1}, seed {2}")
  @CsvSource({
    "2000, slot, 1",
    "2000, slot, 2",
    "50, slot, 3",
    "5000, slot, 4",
    "2000, shard, 5",
    "2000, shard, 6",
    "50, shard, 7",
    "5000, shard, 8"
  })
  void eachKeyIsAcknowledgedInOffsetOrderExactlyOnceDespiteRandomFailuresAndReshards(
      int keys, String lanes, long seed) {
    try (PipelineFixture<TestRecord> fixture = PipelineFixture.perRecord(ordered().build())) {
      KeyChaos chaos = new KeyChaos(fixture, new Random(seed), keys, "shard".equals(lanes));

      chaos.run(6000);

      assertThat(chaos.violations).isEmpty();
      PipelineStats stats = fixture.pipeline.stats();
      assertThat(stats.recordsRetried()).isPositive();
      assertThat(stats.recordsAcknowledged()).isEqualTo(6000);
      assertThat(stats.bufferedRecords()).isZero();
      long total = 0;
      for (Map.Entry<String, List<Long>> key : chaos.acknowledged.entrySet()) {
        assertThat(key.getValue())
            .as("acknowledged offsets of key %s", key.getKey())
            .containsExactlyElementsOf(chaos.submitted.get(key.getKey()));
        total += key.getValue().size();
      }
      assertThat(total).as("no record lost or acknowledged twice").isEqualTo(6000);
      assertThat(fixture.pipeline.laneCount()).isZero();
    }
  }

  /**
   * Submits records of random keys while answering random outstanding requests in random order,
   * with random per-entry and whole-call failures. With shard lanes, the "shard map" changes now
   * and then (2, 3, then 5 shards), so keys move lanes while their records are in flight or waiting
   * for a retry. Records every acknowledgement per key, and every time one key has two entries in
   * flight.
   */
  private static final class KeyChaos {
    final Map<String, List<Long>> acknowledged = new HashMap<>();
    final Map<String, List<Long>> submitted = new HashMap<>();
    final List<String> violations = new ArrayList<>();
    private final Set<String> keysInFlight = new HashSet<>();
    private final PipelineFixture<TestRecord> fixture;
    private final Random random;
    private final int keys;
    private final boolean shardLanes;
    private int shards = 2;

    KeyChaos(PipelineFixture<TestRecord> fixture, Random random, int keys, boolean shardLanes) {
      this.fixture = fixture;
      this.random = random;
      this.keys = keys;
      this.shardLanes = shardLanes;
      fixture.sender.onSend(
          call ->
              call.entries().stream()
                  .filter(entry -> !keysInFlight.add(entry.key()))
                  .forEach(entry -> violations.add("two entries in flight: " + entry.key())));
    }

    void run(int records) {
      int done = 0;
      while (done < records) {
        int batch = 1 + random.nextInt(60);
        for (int i = 0; i < batch && done < records; i++, done++) {
          submitOne();
        }
        if (shardLanes && done > records / 3 && shards == 2) {
          shards = 3;
        } else if (shardLanes && done > 2 * records / 3 && shards == 3) {
          shards = 5;
        }
        answerSome();
        fixture.scheduler.advanceMillis(random.nextInt(30));
      }
      for (int round = 0; round < 100_000 && fixture.pipeline.stats().bufferedRecords() > 0; ) {
        answerSome();
        fixture.scheduler.advanceMillis(20);
        round++;
      }
    }

    private void submitOne() {
      String key = "key-" + random.nextInt(keys);
      TestRecord record;
      if (shardLanes) {
        String shard = "shard-" + Math.floorMod(key.hashCode() * 31, shards);
        record = fixture.submitKeyed(key, shard, slot(key));
      } else {
        record = fixture.submitKeyed(key, slot(key), Submission.NO_SLOT);
      }
      submitted.computeIfAbsent(key, k -> new ArrayList<>()).add(record.offset());
    }

    private void answerSome() {
      // The keys leave flight before the answer: the pipeline may send their next entry inline.
      fixture.sender.answerSomeRandomly(
          random,
          5,
          entries -> entries.forEach(entry -> keysInFlight.remove(entry.key())),
          entry ->
              acknowledged
                  .computeIfAbsent(entry.key(), k -> new ArrayList<>())
                  .add(entry.offset()));
    }
  }

  @Test
  void aKeyWaitingForItsRetryDoesNotHoldBackOtherKeys() {
    try (PipelineFixture<TestRecord> fixture = PipelineFixture.perRecord(ordered().build())) {
      String a = "alpha";
      String b = "bravo";
      assertThat(slot(a)).isNotEqualTo(slot(b));
      TestRecord a0 = fixture.submitKeyed(a, slot(a), Submission.NO_SLOT);
      TestRecord a1 = fixture.submitKeyed(a, slot(a), Submission.NO_SLOT);
      fixture.sendNow();
      assertThat(fixture.sender.call(0).entries()).containsExactly(a0);

      fixture.sender.failEntries(0, Set.of(0), "InternalFailure");
      TestRecord b0 = fixture.submitKeyed(b, slot(b), Submission.NO_SLOT);
      fixture.sendNow();

      assertThat(fixture.sender.call(1).entries())
          .as("b goes while a backs off")
          .containsExactly(b0);
      fixture.scheduler.advanceMillis(100);
      fixture.sendNow();
      assertThat(fixture.sender.call(2).entries()).containsExactly(a0);
      fixture.sender.succeed(2);
      fixture.sendNow();
      assertThat(fixture.sender.sentEntries()).containsSubsequence(a0, a1);
    }
  }

  @Test
  void recordsOfOneKeyShareARequestNeverButManyKeysFillOne() {
    try (PipelineFixture<TestRecord> fixture = PipelineFixture.perRecord(ordered().build())) {
      for (int i = 0; i < 40; i++) {
        String key = "key-" + i;
        fixture.submitKeyed(key, slot(key), Submission.NO_SLOT);
        fixture.submitKeyed(key, slot(key), Submission.NO_SLOT);
      }

      fixture.sendNow();

      List<TestRecord> first = fixture.sender.call(0).entries();
      assertThat(first).extracting(TestRecord::key).doesNotHaveDuplicates();
      assertThat(first.size()).as("one request carries most keys").isGreaterThan(30);
    }
  }

  @Test
  void aRecordRoutedToANewShardWaitsForTheOlderRecordOfItsKeyInFlightOrRetryingOnTheOldOne() {
    try (PipelineFixture<TestRecord> fixture = PipelineFixture.perRecord(ordered().build())) {
      String key = "order-17";
      String other = "order-99";
      assertThat(slot(key)).isNotEqualTo(slot(other));
      TestRecord old = fixture.submitKeyed(key, "shard-0", slot(key));
      fixture.sendNow();
      assertThat(fixture.sender.call(0).entries()).containsExactly(old);

      // The shard map changed: the key's hash range now belongs to shard-2.
      TestRecord newer = fixture.submitKeyed(key, "shard-2", slot(key));
      TestRecord unrelated = fixture.submitKeyed(other, "shard-2", slot(other));
      fixture.sendNow();
      assertThat(fixture.sender.call(1).entries()).containsExactly(unrelated);

      fixture.sender.failEntries(0, Set.of(0), "ProvisionedThroughputExceededException");
      fixture.sender.succeed(1);
      fixture.sendNow();
      assertThat(fixture.sender.callCount())
          .as("the newer record waits for the retry")
          .isEqualTo(2);

      fixture.scheduler.advanceMillis(100);
      fixture.sendNow();
      assertThat(fixture.sender.call(2).entries()).containsExactly(old);
      fixture.sender.succeed(2);
      fixture.sendNow();
      assertThat(fixture.sender.call(3).entries()).containsExactly(newer);
      fixture.sender.succeed(3);

      // Nothing of the key is left on the old lane: its next record takes the new lane at once.
      TestRecord next = fixture.submitKeyed(key, "shard-2", slot(key));
      fixture.sendNow();
      assertThat(fixture.sender.call(4).entries()).containsExactly(next);
    }
  }

  @Test
  void aHundredThousandDistinctKeysNeverMakeMoreLanesThanThereAreSlots() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(
            ordered().maxEntriesPerRequest(500).bufferHighWatermarkBytes(Long.MAX_VALUE).build())) {
      List<Submission<TestRecord>> all = new ArrayList<>();
      long[] offsets = new long[4];
      for (int i = 0; i < 100_000; i++) {
        String key = "customer-" + i;
        int partition = i % 4;
        TestRecord record =
            new TestRecord(TestRecord.tp(partition), offsets[partition]++, 100, key);
        all.add(
            new Submission<>(
                record.partition(),
                record.offset(),
                PipelineFixture.STREAM,
                slot(key),
                record,
                100));
      }

      fixture.pipeline.submitAll(all);

      assertThat(fixture.pipeline.laneCount()).isLessThanOrEqualTo(Submission.KEY_SLOTS);
      assertThat(fixture.pipeline.stats().bufferedRecords()).isEqualTo(100_000);
      fixture.sender.autoSucceed();
      fixture.sender.succeedAll();
      assertThat(fixture.pipeline.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(fixture.pipeline.stats().recordsAcknowledged()).isEqualTo(100_000);
      assertThat(fixture.pipeline.laneCount()).isZero();
      assertThat(fixture.pipeline.committable())
          .allSatisfy((tp, offset) -> assertThat(offset).isEqualTo(25_000L));
    }
  }

  @Test
  void keySlotsSpreadKeysAndKeepEqualKeysTogether() {
    Set<Integer> slots = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      int slot = slot("key-" + i);
      assertThat(slot).isBetween(0, Submission.KEY_SLOTS - 1).isEqualTo(slot("key-" + i));
      slots.add(slot);
    }
    // 10,000 keys over 4,096 slots leave about 3.7% of the slots empty when spread uniformly.
    assertThat(slots.size()).isGreaterThan(Submission.KEY_SLOTS * 9 / 10);
    assertThat(LongStream.range(0, 8).mapToInt(i -> Submission.keySlot((int) (i << 28))).distinct())
        .as("hash codes differing only in high bits")
        .hasSizeGreaterThan(4);
  }
}
