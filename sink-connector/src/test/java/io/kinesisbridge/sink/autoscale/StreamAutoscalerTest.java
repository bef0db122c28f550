package io.kinesisbridge.sink.autoscale;

import io.kinesisbridge.sink.autoscale.ScalingDecision.Action;
import io.kinesisbridge.sink.autoscale.ScalingDecision.Reason;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StreamAutoscalerTest {

  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  private final FakePort port = new FakePort(2);
  private final ScriptedLoad load = new ScriptedLoad();
  private final MovableClock clock = new MovableClock();

  private StreamAutoscaler scaler(ScalingPolicy policy) {
    return new StreamAutoscaler("sink-a", "orders", policy, INTERVAL, port, load, clock);
  }

  private static ScalingPolicy.Builder policy() {
    return ScalingPolicy.builder()
        .shards(1, 16)
        .scaleOutAfter(Duration.ofMinutes(3))
        .scaleInAfter(Duration.ofMinutes(10))
        .coolDown(Duration.ofMinutes(5));
  }

  /** Checks once a minute for {@code minutes}, with {@code recordsPerSecond} written. */
  private void run(StreamAutoscaler scaler, int minutes, double recordsPerSecond) {
    for (int i = 0; i < minutes; i++) {
      load.recordsPerSecond = recordsPerSecond;
      scaler.checkSafely();
      clock.now = clock.now.plus(INTERVAL);
    }
  }

  @Test
  void aSustainedOverloadAsksForMoreShardsOnceAndClaimsTheStream() {
    StreamAutoscaler scaler = scaler(policy().build());

    run(scaler, 6, 1_900); // 95 % of two shards' 1,000 records/s each

    assertThat(port.updates).containsExactly(4);
    assertThat(port.tags.get(StreamClaim.TAG)).startsWith("sink-a@");
    assertThat(scaler.gauges())
        .containsEntry("shard-count-changes-total", 1L)
        .containsEntry("failed-checks-total", 0L);
  }

  @Test
  void anOwnerNameWithCharactersTagsRefuseIsClaimedUnderAReadableForm() {
    StreamAutoscaler scaler =
        new StreamAutoscaler(
            "orders|sink #2", "orders", policy().build(), INTERVAL, port, load, clock);

    run(scaler, 6, 1_900);

    assertThat(port.tags.get(StreamClaim.TAG)).startsWith("orders_sink _2@");
    assertThat(port.updates).containsExactly(4);
  }

  @Test
  void dryRunDecidesAndChangesNothing() {
    StreamAutoscaler scaler = scaler(policy().dryRun(true).build());

    run(scaler, 6, 1_900);

    assertThat(port.updates).isEmpty();
    assertThat(port.tags).as("not even the claim tag is written").isEmpty();
    assertThat(scaler.latest())
        .get()
        .extracting(ScalingDecision::action)
        .isEqualTo(Action.SCALE_OUT);
    assertThat(scaler.gauges()).containsEntry("dry-run", 1);
  }

  @Test
  void aFreshClaimOfAnotherConnectorHoldsItBackAndAStaleOneIsTakenOver() {
    StreamAutoscaler scaler = scaler(policy().build());
    port.tags.put(StreamClaim.TAG, "sink-b@" + T0.getEpochSecond());

    run(scaler, 2, 1_900);

    assertThat(scaler.latest())
        .get()
        .extracting(ScalingDecision::reason)
        .isEqualTo(Reason.OTHER_OWNER);
    assertThat(port.tags.get(StreamClaim.TAG)).startsWith("sink-b@");

    run(scaler, 6, 1_900); // sink-b stopped renewing: three intervals later its claim is stale

    assertThat(port.tags.get(StreamClaim.TAG)).startsWith("sink-a@");
    assertThat(port.updates).containsExactly(4);
  }

  @Test
  void aChangeKinesisRefusesIsNotCountedAndIsAskedForAgainAtTheNextCheck() {
    StreamAutoscaler scaler = scaler(policy().build());
    port.refuseUpdates = 1;

    run(scaler, 6, 1_900);

    assertThat(port.updates).as("refused, then asked again").containsExactly(4, 4);
    assertThat(scaler.gauges()).containsEntry("shard-count-changes-total", 1L);
  }

  @Test
  void aFailedCheckIsCountedAndTheNextOneStartsAfresh() {
    StreamAutoscaler scaler = scaler(policy().build());
    port.failDescribes = 2;

    run(scaler, 8, 1_900);

    assertThat(scaler.gauges()).containsEntry("failed-checks-total", 2L);
    assertThat(port.updates).containsExactly(4);
  }

  @Test
  void aChangeSomeoneElseMadeCountsAgainstTheDailyBudget() {
    StreamAutoscaler scaler = scaler(policy().build());
    run(scaler, 2, 1_000);
    int before = scaler.latest().orElseThrow().changesLeftToday();

    port.openShards = 3; // resharded by hand
    run(scaler, 2, 1_000);

    assertThat(scaler.latest().orElseThrow().changesLeftToday()).isEqualTo(before - 1);
    assertThat(port.updates).isEmpty();
  }

  @Test
  void aCountSeenWhileTheStreamIsUpdatingIsNotTakenForAChange() {
    StreamAutoscaler scaler = scaler(policy().build());
    run(scaler, 2, 1_000);
    int before = scaler.latest().orElseThrow().changesLeftToday();

    port.state = StreamState.UPDATING;
    port.openShards = 3; // parents and children both open for a moment
    run(scaler, 1, 1_000);
    port.state = StreamState.ACTIVE;
    port.openShards = 2;
    run(scaler, 2, 1_000);

    assertThat(scaler.latest().orElseThrow().changesLeftToday()).isEqualTo(before);
  }

  @Test
  void anOnDemandStreamIsLeftAloneWithoutClaimingIt() {
    StreamAutoscaler scaler = scaler(policy().build());
    port.state = StreamState.ON_DEMAND;

    run(scaler, 6, 1_900);

    assertThat(port.updates).isEmpty();
    assertThat(port.tags).doesNotContainKey(StreamClaim.TAG);
    assertThat(scaler.latest())
        .get()
        .extracting(ScalingDecision::reason)
        .isEqualTo(Reason.ON_DEMAND);
  }

  /** A stream that applies a change at once. */
  private static final class FakePort implements ScalingPort {
    StreamState state = StreamState.ACTIVE;
    int openShards;
    int refuseUpdates;
    int failDescribes;
    final List<Integer> updates = new ArrayList<>();
    final Map<String, String> tags = new HashMap<>();

    FakePort(int openShards) {
      this.openShards = openShards;
    }

    @Override
    public StreamSummary describe() {
      if (failDescribes > 0) {
        failDescribes--;
        throw new IllegalStateException("describe failed");
      }
      return new StreamSummary(state, openShards);
    }

    @Override
    public void updateShardCount(int target) {
      updates.add(target);
      if (refuseUpdates > 0) {
        refuseUpdates--;
        throw LimitExceededException.builder().message("rate exceeded").build();
      }
      openShards = target;
    }

    @Override
    public Map<String, String> tags() {
      return Map.copyOf(tags);
    }

    @Override
    public void tag(String key, String value) {
      // As Kinesis: tag values of other characters are refused.
      if (!value.matches("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*") || value.length() > 256) {
        throw InvalidArgumentException.builder()
            .message("Values contain invalid characters")
            .build();
      }
      tags.put(key, value);
    }
  }

  /** Stream totals of 100-byte records at the rate set before each check. */
  private static final class ScriptedLoad implements WriteLoadSource {
    double recordsPerSecond;

    @Override
    public Optional<StreamLoadSample> sample(Instant now, int openShards) {
      return Optional.of(
          StreamLoadSample.ofTotals(now, openShards, recordsPerSecond * 100, recordsPerSecond, 0));
    }

    @Override
    public String description() {
      return "a script";
    }
  }

  private static final class MovableClock extends Clock {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
