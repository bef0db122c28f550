package io.kinesisbridge.common.sink;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetTrackerTest {

  private static final TopicPartition TP = new TopicPartition("orders", 0);
  private static final TopicPartition OTHER = new TopicPartition("orders", 1);

  private final OffsetTracker tracker = new OffsetTracker();

  @Test
  void aPartitionWithNothingAcknowledgedIsNotReported() {
    tracker.track(TP, 5);
    tracker.track(TP, 6);

    assertThat(tracker.committable()).isEmpty();
  }

  @Test
  void anAcknowledgementOutOfOrderWaitsForTheRecordsBelowIt() {
    long first = tracker.track(TP, 1);
    long second = tracker.track(TP, 2);
    long third = tracker.track(TP, 3);

    tracker.acknowledge(TP, third);
    assertThat(tracker.committable()).isEmpty();

    tracker.acknowledge(TP, first);
    assertThat(tracker.committable()).containsExactly(entry(TP, 2));

    tracker.acknowledge(TP, second);
    assertThat(tracker.committable()).containsExactly(entry(TP, 4));
  }

  @ParameterizedTest(name = "offsets {0}, acknowledged in order {1}: commit {2}")
  @CsvSource({
    "10 15 20, 0, 15",
    "10 15 20, 2, -1",
    "10 15 20, 0 2, 15",
    "10 15 20, 0 2 1, 21",
    "10 15 20, 1 0, 20",
    "100 101 500, 0 1, 500"
  })
  void offsetsWithGapsCommitTheLowestUnacknowledgedOne(
      String offsets, String acknowledgedIndexes, long expected) {
    List<Long> tickets = new ArrayList<>();
    for (String offset : offsets.split(" ")) {
      tickets.add(tracker.track(TP, Long.parseLong(offset)));
    }
    for (String index : acknowledgedIndexes.split(" ")) {
      tracker.acknowledge(TP, tickets.get(Integer.parseInt(index)));
    }

    if (expected < 0) {
      assertThat(tracker.committable()).isEmpty();
    } else {
      assertThat(tracker.committable()).containsExactly(entry(TP, expected));
    }
  }

  @Test
  void skippedRecordsCountAsAcknowledged() {
    tracker.skip(TP, 0);
    assertThat(tracker.committable()).containsExactly(entry(TP, 1));

    long ticket = tracker.track(TP, 1);
    tracker.skip(TP, 2);
    assertThat(tracker.committable()).containsExactly(entry(TP, 1));

    tracker.acknowledge(TP, ticket);
    assertThat(tracker.committable()).containsExactly(entry(TP, 3));
  }

  @Test
  void repeatingAnAcknowledgementChangesNothing() {
    long first = tracker.track(TP, 0);
    tracker.track(TP, 1);
    tracker.acknowledge(TP, first);
    tracker.acknowledge(TP, first);

    assertThat(tracker.committable()).containsExactly(entry(TP, 1));
  }

  @Test
  void aRedeliveredOffsetIsNotTrackedAndTheOriginalKeepsDeciding() {
    long original = tracker.track(TP, 4);
    long redelivered = tracker.track(TP, 4);
    assertThat(redelivered).isEqualTo(OffsetTracker.UNTRACKED);

    tracker.acknowledge(TP, redelivered);
    assertThat(tracker.committable()).isEmpty();

    tracker.acknowledge(TP, original);
    assertThat(tracker.committable()).containsExactly(entry(TP, 5));
  }

  @Test
  void partitionsAreTrackedIndependently() {
    long a = tracker.track(TP, 0);
    tracker.track(OTHER, 0);
    tracker.acknowledge(TP, a);

    assertThat(tracker.committable()).containsExactly(entry(TP, 1));
  }

  @Test
  void aForgottenPartitionIsNoLongerReportedAndItsLateAcknowledgementsAreIgnored() {
    long stale = tracker.track(TP, 0);
    long other = tracker.track(OTHER, 0);
    tracker.acknowledge(OTHER, other);

    tracker.forget(Set.of(TP));
    assertThat(tracker.committable()).containsExactly(entry(OTHER, 1));

    long fresh = tracker.track(TP, 0);
    tracker.acknowledge(TP, stale);
    assertThat(tracker.committable()).doesNotContainKey(TP);
    tracker.acknowledge(TP, fresh);
    assertThat(tracker.committable()).containsEntry(TP, 1L);
  }

  @Test
  void manyRecordsAcknowledgedInRandomOrderEndCommittedAndLeaveNothingTracked() {
    int count = 100_000;
    List<Long> tickets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tickets.add(tracker.track(TP, 3L * i));
    }
    Collections.shuffle(tickets, new Random(7));

    for (int i = 0; i < count; i++) {
      tracker.acknowledge(TP, tickets.get(i));
      if (i == count / 2) {
        assertThat(tracker.trackedRecords()).isPositive();
      }
    }

    assertThat(tracker.committable()).containsExactly(entry(TP, 3L * (count - 1) + 1));
    assertThat(tracker.trackedRecords()).isZero();
  }

  private static java.util.Map.Entry<TopicPartition, Long> entry(TopicPartition tp, long offset) {
    return java.util.Map.entry(tp, offset);
  }
}
