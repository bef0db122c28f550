package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottlingTest {

  private static PipelineFixture<TestRecord> limited(double initial) {
    return limited(initial, 100);
  }

  private static PipelineFixture<TestRecord> limited(double initial, double increase) {
    return PipelineFixture.perRecord(
        PipelineFixture.settings()
            .ordered(false)
            .linger(Duration.ZERO)
            .entriesPerSecond(initial, 10, 1000)
            .entriesPerSecondIncrease(increase)
            .build());
  }

  @Test
  void throttledEntriesLowerTheRateAndComeBackAfterABackoff() {
    try (PipelineFixture<TestRecord> fixture = limited(1000)) {
      fixture.submitMany(4, 10);
      fixture.sender.failEntries(0, Set.of(0, 1, 2, 3), "ProvisionedThroughputExceededException");

      assertThat(fixture.pipeline.stats().entriesPerSecondLimit()).isEqualTo(500);
      assertThat(fixture.pipeline.stats().recordsThrottled()).isEqualTo(4);
      assertThat(fixture.sender.callCount()).isEqualTo(1);

      fixture.scheduler.advanceMillis(100);

      assertThat(fixture.sender.callCount()).isEqualTo(2);
      assertThat(fixture.sender.call(1).entries()).hasSize(4);
    }
  }

  @Test
  void aThrottledWholeCallLowersTheRateToo() {
    try (PipelineFixture<TestRecord> fixture = limited(1000)) {
      fixture.submitMany(2, 10);

      fixture.sender.failCall(
          0, ServiceUnavailableException.builder().message("Slow down.").build());

      assertThat(fixture.pipeline.stats().entriesPerSecondLimit()).isEqualTo(500);
      assertThat(fixture.pipeline.stats().recordsThrottled()).isEqualTo(2);
    }
  }

  @Test
  void successfulRequestsRaiseTheRateAgain() {
    try (PipelineFixture<TestRecord> fixture = limited(1000)) {
      fixture.submit(0, 10);
      fixture.sender.failEntries(0, Set.of(0), "ProvisionedThroughputExceededException");
      fixture.scheduler.advanceMillis(100);

      fixture.sender.succeed(1);
      fixture.submit(0, 10);
      fixture.sender.succeed(2);

      assertThat(fixture.pipeline.stats().entriesPerSecondLimit()).isEqualTo(700);
    }
  }

  @Test
  void aHotShardIsSlowedDownAloneWhileTheOtherShardsKeepTheirPace() {
    try (PipelineFixture<TestRecord> fixture = limited(1000)) {
      long[] offsets = new long[2];
      int coldSubmitted = 0;
      // 3 s of 500 records/s per shard; Kinesis throttles every entry of the hot shard.
      for (int tick = 0; tick < 300; tick++) {
        for (int i = 0; i < 5; i++) {
          submitTo(fixture, 0, offsets[0]++, "shard-hot");
          submitTo(fixture, 1, offsets[1]++, "shard-cold");
          coldSubmitted++;
        }
        for (FakeSender.Call<TestRecord> call : fixture.sender.outstanding()) {
          call.future().complete(throttleHot(call.entries()));
        }
        fixture.scheduler.advanceMillis(10);
      }

      Map<TopicPartition, Long> committed = fixture.pipeline.committable();
      assertThat(committed.getOrDefault(TestRecord.tp(1), 0L))
          .as("cold records acknowledged, of %s", coldSubmitted)
          .isGreaterThanOrEqualTo(coldSubmitted - 10L);
      assertThat(fixture.pipeline.stats().entriesPerSecondLimit())
          .as("the hot shard's rate")
          .isLessThan(100);
    }
  }

  @Test
  void aThrottledWholeCallSlowsTheWholeStreamEvenWithShards() {
    try (PipelineFixture<TestRecord> fixture = limited(1000)) {
      submitTo(fixture, 0, 0, "shard-a");
      submitTo(fixture, 1, 0, "shard-b");

      fixture.sender.failCall(
          0, ServiceUnavailableException.builder().message("Slow down.").build());

      assertThat(fixture.pipeline.stats().entriesPerSecondLimit()).isEqualTo(500);
    }
  }

  private static void submitTo(
      PipelineFixture<TestRecord> fixture, int partition, long offset, String shard) {
    TopicPartition tp = TestRecord.tp(partition);
    TestRecord record = new TestRecord(tp, offset, 10, shard);
    fixture.pipeline.submit(
        new Submission<>(
            tp, offset, PipelineFixture.STREAM, shard, record, 10, Submission.NO_SLOT, shard));
  }

  private static List<EntryOutcome> throttleHot(List<TestRecord> entries) {
    List<EntryOutcome> outcomes = new ArrayList<>();
    for (TestRecord entry : entries) {
      outcomes.add(
          "shard-hot".equals(entry.key())
              ? EntryOutcome.failed("ProvisionedThroughputExceededException", "Rate exceeded")
              : EntryOutcome.succeeded());
    }
    return outcomes;
  }

  @Test
  void aLowRateShrinksRequestsAndSpacesThemOut() {
    try (PipelineFixture<TestRecord> fixture = limited(10, 0)) {
      fixture.sender.autoSucceed();
      fixture.submitMany(25, 10);

      assertThat(fixture.sender.calls())
          .extracting(call -> call.entries().size())
          .containsExactly(10);

      fixture.scheduler.advanceMillis(500);
      assertThat(fixture.sender.sentEntries()).hasSize(15);
      fixture.scheduler.advanceMillis(1000);
      assertThat(fixture.sender.sentEntries()).hasSize(25);
    }
  }
}
