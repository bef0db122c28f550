package io.kinesisbridge.common.sink;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

class OrderingTest {

  private static final int LANES = 20;
  private static final int RECORDS = 3000;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void eachLaneIsAcknowledgedInSubmitOrderDespiteRandomFailures(long seed) {
    PipelineSettings settings =
        PipelineFixture.settings()
            .ordered(true)
            .maxEntriesPerRequest(8)
            .maxInFlightRequests(4)
            .linger(Duration.ofMillis(5))
            .backoff(Duration.ofMillis(10), Duration.ofMillis(80))
            .build();
    try (PipelineFixture<TestRecord> fixture = PipelineFixture.perRecord(settings)) {
      Chaos chaos = new Chaos(fixture, new Random(seed));

      chaos.run();

      assertThat(chaos.violations).isEmpty();
      assertThat(fixture.pipeline.stats().recordsRetried()).isPositive();
      assertThat(fixture.pipeline.stats().recordsAcknowledged()).isEqualTo(RECORDS);
      Map<TopicPartition, Long> committable = fixture.pipeline.committable();
      long total = 0;
      for (Map.Entry<TopicPartition, List<Long>> lane : chaos.acknowledged.entrySet()) {
        int count = lane.getValue().size();
        assertThat(lane.getValue())
            .as("acknowledgements of %s", lane.getKey())
            .containsExactlyElementsOf(LongStream.range(0, count).boxed().toList());
        assertThat(committable).containsEntry(lane.getKey(), (long) count);
        total += count;
      }
      assertThat(total).isEqualTo(RECORDS);
    }
  }

  /**
   * Submits records to random lanes while answering random outstanding requests in random order,
   * with random per-entry and whole-call failures; records every acknowledgement per lane and every
   * time a lane has two entries in flight.
   */
  private static final class Chaos {
    final Map<TopicPartition, List<Long>> acknowledged = new HashMap<>();
    final List<String> violations = new ArrayList<>();
    private final Set<TopicPartition> lanesInFlight = new HashSet<>();
    private final PipelineFixture<TestRecord> fixture;
    private final Random random;

    Chaos(PipelineFixture<TestRecord> fixture, Random random) {
      this.fixture = fixture;
      this.random = random;
      fixture.sender.onSend(
          call ->
              call.entries().stream()
                  .filter(entry -> !lanesInFlight.add(entry.partition()))
                  .forEach(entry -> violations.add("two entries in flight: " + entry.partition())));
    }

    void run() {
      int submitted = 0;
      while (submitted < RECORDS) {
        int batch = 1 + random.nextInt(40);
        for (int i = 0; i < batch && submitted < RECORDS; i++, submitted++) {
          fixture.submit(random.nextInt(LANES), 1 + random.nextInt(100));
        }
        answerSome();
        fixture.scheduler.advanceMillis(random.nextInt(30));
      }
      for (int round = 0; round < 100_000 && hasBufferedRecords(); round++) {
        answerSome();
        fixture.scheduler.advanceMillis(20);
      }
    }

    private boolean hasBufferedRecords() {
      return fixture.pipeline.stats().bufferedRecords() > 0;
    }

    private void answerSome() {
      // The lanes leave flight before the answer: the pipeline may send their next entry inline.
      fixture.sender.answerSomeRandomly(
          random,
          4,
          entries -> entries.forEach(entry -> lanesInFlight.remove(entry.partition())),
          entry ->
              acknowledged
                  .computeIfAbsent(entry.partition(), k -> new ArrayList<>())
                  .add(entry.offset()));
    }
  }

  @Test
  void aFailedEntryGoesBackBeforeTheNewerRecordsOfItsLane() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().ordered(true).build())) {
      List<TestRecord> records = fixture.submitMany(3, 10);
      fixture.sendNow();
      assertThat(fixture.sender.call(0).entries()).containsExactly(records.get(0));

      fixture.sender.failEntries(0, Set.of(0), "InternalFailure");
      fixture.sendNow();
      assertThat(fixture.sender.callCount()).as("the lane waits for its backoff").isEqualTo(1);
      fixture.scheduler.advanceMillis(100);
      fixture.sendNow();

      assertThat(fixture.sender.call(1).entries()).containsExactly(records.get(0));
      fixture.sender.succeed(1);
      fixture.sendNow();
      assertThat(fixture.sender.call(2).entries()).containsExactly(records.get(1));
    }
  }

  @Test
  void orderedLanesSendOneEntryPerRequestButManyLanesShareARequest() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().ordered(true).build())) {
      fixture.sender.autoSucceed();
      fixture.submit(0, 10);
      fixture.submit(0, 10);
      fixture.submit(1, 10);
      fixture.submit(2, 10);

      fixture.sendNow();

      assertThat(fixture.sender.calls())
          .extracting(call -> call.entries().stream().map(e -> e.partition().partition()).toList())
          .containsExactly(List.of(0, 1, 2), List.of(0));
    }
  }

  @Test
  void unorderedLanesSendManyEntriesOfALaneInOneRequestAndSeveralRequestsAtOnce() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(
            PipelineFixture.settings().ordered(false).maxEntriesPerRequest(4).build())) {
      List<TestRecord> records = fixture.submitMany(10, 10);

      fixture.sendNow();

      assertThat(fixture.sender.outstanding()).hasSize(3);
      assertThat(fixture.sender.call(0).entries()).containsExactlyElementsOf(records.subList(0, 4));
      assertThat(fixture.sender.call(2).entries()).hasSize(2);
    }
  }

  @Test
  void lanesTakeTurnsSoABusyLaneCannotStarveAQuietOne() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(
            PipelineFixture.settings().ordered(false).maxEntriesPerRequest(500).build())) {
      fixture.sender.autoSucceed();
      fixture.submitMany(1200, 10);
      fixture.submit(1, 10);

      fixture.sendNow();

      assertThat(fixture.sender.calls())
          .anySatisfy(
              call ->
                  assertThat(call.entries())
                      .extracting(TestRecord::partition)
                      .contains(TestRecord.tp(1)));
      assertThat(fixture.sender.calls()).hasSize(3);
    }
  }

  @Test
  void requestsNeverMixDestinations() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(PipelineFixture.settings().ordered(false).build())) {
      fixture.sender.autoSucceed();
      for (int i = 0; i < 6; i++) {
        TopicPartition tp = TestRecord.tp(i);
        String stream = i % 2 == 0 ? "even" : "odd";
        fixture.pipeline.submit(new Submission<>(tp, 0, stream, tp, new TestRecord(tp, 0, 1), 1));
      }

      fixture.sendNow();

      assertThat(fixture.sender.calls())
          .extracting(
              call ->
                  call.destination()
                      + call.entries().stream().map(e -> e.partition().partition()).toList())
          .containsExactlyInAnyOrder("even[0, 2, 4]", "odd[1, 3, 5]");
    }
  }
}
