package io.kinesisbridge.sink.autoscale;

import io.kinesisbridge.sink.autoscale.ScalingDecision.Action;
import io.kinesisbridge.sink.autoscale.ScalingDecision.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.kinesisbridge.sink.autoscale.SimulatedStream.at;
import static io.kinesisbridge.sink.autoscale.SimulatedStream.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What holds the engine back, and the bounds every target stays within: stream state, another
 * owner, cool-down, the daily budget, one hot shard, the configured minimum and maximum.
 */
class ScalingGuardsTest {

  private static final ScalingPolicy POLICY = ScalingPolicy.builder().shards(2, 32).build();
  private static final ScalingDecisionEngine ENGINE = new ScalingDecisionEngine(POLICY);

  /** Minutes 0 to 60 at {@code demand} records/s on {@code shards}, decided at minute 60. */
  private static ScalingInput hour(int shards, double demand, List<Instant> changes) {
    List<StreamLoadSample> samples =
        IntStream.rangeClosed(0, 60).mapToObj(m -> sample(m, shards, demand)).toList();
    return new ScalingInput(at(60), samples, StreamState.ACTIVE, changes, false);
  }

  private static ScalingInput overloaded(int shards) {
    return hour(shards, shards * 950.0, List.of());
  }

  private static ScalingInput idle(int shards) {
    return hour(shards, shards * 100.0, List.of());
  }

  /** {@code count} changes spread over the day before minute 60, the last two hours ago. */
  private static List<Instant> changesToday(int count) {
    List<Instant> changes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      changes.add(at(60).minus(Duration.ofHours(2 + 2L * i)));
    }
    return changes;
  }

  @Test
  void anOverloadedStreamIsScaledOutWhenNothingHoldsItBack() {
    ScalingDecision decision = ENGINE.decide(overloaded(4));

    assertThat(decision.action()).isEqualTo(Action.SCALE_OUT);
    assertThat(decision.reason()).isEqualTo(Reason.OVER_TARGET);
    // 3,800/s at 55% needs 7 shards, which is 175% of 4.
    assertThat(decision.targetShards()).isEqualTo(7);
    assertThat(decision.message()).contains("above 80% for 1h", "7 shards run at 54%");
    assertThat(decision.changesLeftToday()).isEqualTo(8);
  }

  @ParameterizedTest
  @EnumSource(
      value = StreamState.class,
      names = {"UPDATING", "ON_DEMAND"})
  void aStreamThatIsNotActiveOrNotProvisionedIsLeftAlone(StreamState state) {
    ScalingInput overloaded = overloaded(4);
    ScalingInput input =
        new ScalingInput(overloaded.now(), overloaded.samples(), state, List.of(), false);

    ScalingDecision decision = ENGINE.decide(input);

    assertThat(decision.action()).isEqualTo(Action.HOLD);
    assertThat(decision.reason()).isEqualTo(Reason.valueOf(state.name()));
    assertThat(decision.targetShards()).isEqualTo(4);
  }

  @Test
  void theOnDemandMessageSaysKinesisScalesTheStreamItself() {
    ScalingInput input =
        new ScalingInput(at(0), List.of(), StreamState.ON_DEMAND, List.of(), false);

    assertThat(ENGINE.decide(input).message()).contains("on-demand mode", "provisioned mode");
  }

  @Test
  void anotherOwnersFreshClaimHoldsEvenAnOverloadedStream() {
    ScalingInput overloaded = overloaded(4);
    ScalingInput input =
        new ScalingInput(
            overloaded.now(), overloaded.samples(), StreamState.ACTIVE, List.of(), true);

    ScalingDecision decision = ENGINE.decide(input);

    assertThat(decision.reason()).isEqualTo(Reason.OTHER_OWNER);
    assertThat(decision.action()).isEqualTo(Action.HOLD);
  }

  @Test
  void noSampleYetIsNoData() {
    ScalingDecision decision =
        ENGINE.decide(new ScalingInput(at(0), List.of(), StreamState.ACTIVE, List.of(), false));

    assertThat(decision.reason()).isEqualTo(Reason.NO_DATA);
    assertThat(decision.currentShards()).isZero();
  }

  @Test
  void anOldNewestSampleMeansTheMeasuringStoppedAndHoldsWithNoData() {
    ScalingInput overloaded = overloaded(4);
    ScalingInput elevenMinutesLater =
        new ScalingInput(at(71), overloaded.samples(), StreamState.ACTIVE, List.of(), false);

    ScalingDecision decision = ENGINE.decide(elevenMinutesLater);

    assertThat(decision.reason()).isEqualTo(Reason.NO_DATA);
    assertThat(decision.message()).contains("more than 10m ago");
    assertThat(ENGINE.decide(overloaded).action()).isEqualTo(Action.SCALE_OUT);
  }

  @Test
  void aWantedChangeWithinTheCoolDownIsHeldAndSaysWhatItWouldHaveDone() {
    // The last change ten minutes ago; the load since then has been over for ten minutes.
    List<StreamLoadSample> samples =
        IntStream.rangeClosed(51, 60).mapToObj(m -> sample(m, 4, 3_800)).toList();
    ScalingInput input =
        new ScalingInput(at(60), samples, StreamState.ACTIVE, List.of(at(50)), false);

    ScalingDecision decision = ENGINE.decide(input);

    assertThat(decision.reason()).isEqualTo(Reason.COOL_DOWN);
    assertThat(decision.message()).contains("would scale out to 7 shards", "cool-down of 15m");
    assertThat(decision.changesLeftToday()).isEqualTo(7);
  }

  @Test
  void samplesFromBeforeTheLastChangeDoNotCountTowardsTheSustainWindow() {
    // Over for an hour, but the change 20 minutes ago resets the clock; 2 minutes over since.
    List<StreamLoadSample> samples = new ArrayList<>();
    IntStream.rangeClosed(0, 40).forEach(m -> samples.add(sample(m, 4, 3_800)));
    IntStream.rangeClosed(41, 57).forEach(m -> samples.add(sample(m, 4, 2_000)));
    IntStream.rangeClosed(58, 60).forEach(m -> samples.add(sample(m, 4, 3_800)));
    ScalingInput input =
        new ScalingInput(at(60), samples, StreamState.ACTIVE, List.of(at(40)), false);

    assertThat(ENGINE.decide(input).reason()).isEqualTo(Reason.NOT_SUSTAINED);
  }

  @Test
  void theLastChangeOfTheBudgetIsKeptForAScaleOut() {
    ScalingInput idle = idle(8);
    ScalingInput overloaded = overloaded(8);
    List<Instant> seven = changesToday(7);

    ScalingDecision scaleIn = ENGINE.decide(withChanges(idle, seven));
    ScalingDecision scaleOut = ENGINE.decide(withChanges(overloaded, seven));

    assertThat(scaleIn.reason()).isEqualTo(Reason.BUDGET);
    assertThat(scaleIn.message()).contains("would scale in to 4 shards", "kept for a scale-out");
    assertThat(scaleIn.changesLeftToday()).isEqualTo(1);
    assertThat(scaleOut.action()).isEqualTo(Action.SCALE_OUT);
    assertThat(scaleOut.targetShards()).isEqualTo(14);
  }

  @Test
  void aSpentBudgetHoldsEvenAScaleOutUntilAChangeIsOlderThanADay() {
    List<Instant> eight = changesToday(8);
    List<Instant> eightOneOlderThanADay = new ArrayList<>(eight.subList(0, 7));
    eightOneOlderThanADay.add(at(60).minus(Duration.ofHours(24)).minusSeconds(1));

    ScalingDecision spent = ENGINE.decide(withChanges(overloaded(8), eight));
    ScalingDecision oneFreedUp = ENGINE.decide(withChanges(overloaded(8), eightOneOlderThanADay));

    assertThat(spent.reason()).isEqualTo(Reason.BUDGET);
    assertThat(spent.changesLeftToday()).isZero();
    assertThat(spent.message()).contains("all 8 changes");
    assertThat(oneFreedUp.action()).isEqualTo(Action.SCALE_OUT);
  }

  @Test
  void aHotShardWithIdleNeighboursIsHeldInsteadOfScaledForever() {
    // Shard 0 takes its 1,000 records/s and has 4,000/s more throttled; three shards idle.
    // The stream as a whole is over 100%, so without the per-shard view it would scale out.
    List<StreamLoadSample> samples =
        IntStream.rangeClosed(0, 180).mapToObj(ScalingGuardsTest::hotShardSample).toList();
    List<ScalingDecision> decisions = new ArrayList<>();
    for (int minute = 0; minute <= 180; minute++) {
      ScalingInput input =
          new ScalingInput(
              at(minute), samples.subList(0, minute + 1), StreamState.ACTIVE, List.of(), false);
      decisions.add(ENGINE.decide(input));
    }

    assertThat(samples.get(0).utilization()).isGreaterThan(1);
    assertThat(decisions)
        .allSatisfy(
            d -> {
              assertThat(d.action()).isEqualTo(Action.HOLD);
              assertThat(d.reason()).isEqualTo(Reason.HOT_SHARD);
            });
    assertThat(decisions.get(180).message())
        .contains("shard shardId-0 runs at 500%", "others average 5%", "cannot spread");
  }

  @Test
  void aHotKeyAmongBusyShardsIsScaledOutOnceAndThenHeld() {
    // One key wants 5,000 records/s on one shard; 1,800/s more spread over the others. At 4
    // shards the others run at 60%, so the stream is really busy; at 8 they idle at 26%.
    ScalingHistory history = new ScalingHistory(POLICY);
    List<Integer> counts = new ArrayList<>();
    List<ScalingDecision> decisions = new ArrayList<>();
    int shards = 4;
    for (int minute = 0; minute <= 180; minute++) {
      history.add(hotKeySample(minute, shards));
      ScalingDecision decision =
          ENGINE.decide(history.input(at(minute), StreamState.ACTIVE, false));
      decisions.add(decision);
      if (decision.changesShardCount()) {
        history.recordChange(at(minute));
        shards = decision.targetShards();
        counts.add(shards);
      }
    }

    assertThat(counts).containsExactly(8);
    assertThat(decisions.get(5).action()).isEqualTo(Action.SCALE_OUT);
    assertThat(decisions.subList(6, 181))
        .allSatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.HOT_SHARD));
  }

  private static StreamLoadSample hotKeySample(int minute, int shards) {
    List<ShardLoad> loads = new ArrayList<>();
    loads.add(new ShardLoad("shardId-0", 100_000, 1_000, 4_000));
    double each = 1_800.0 / (shards - 1);
    for (int i = 1; i < shards; i++) {
      loads.add(new ShardLoad("shardId-" + i, each * 100, each, 0));
    }
    return new StreamLoadSample(at(minute), shards, 280_000, 2_800, 4_000, loads);
  }

  @Test
  void theSameTotalsWithoutPerShardLoadAreScaledOut() {
    List<StreamLoadSample> totals =
        IntStream.rangeClosed(0, 10)
            .mapToObj(ScalingGuardsTest::hotShardSample)
            .map(
                s ->
                    StreamLoadSample.ofTotals(
                        s.time(),
                        s.openShards(),
                        s.bytesPerSecond(),
                        s.recordsPerSecond(),
                        s.throttledPerSecond()))
            .toList();

    ScalingDecision decision =
        ENGINE.decide(new ScalingInput(at(10), totals, StreamState.ACTIVE, List.of(), false));

    assertThat(decision.action()).isEqualTo(Action.SCALE_OUT);
  }

  @Test
  void aShardThatWasAtItsLimitInTheScaleInWindowBlocksTheScaleIn() {
    // Eight shards nearly idle for an hour, but 40 minutes ago one shard ran at 90%.
    List<StreamLoadSample> samples = new ArrayList<>();
    for (int m = 0; m <= 60; m++) {
      double hot = m == 20 ? 900 : 100;
      samples.add(
          new StreamLoadSample(
              at(m),
              8,
              (hot + 700) * 100,
              hot + 700,
              0,
              IntStream.range(0, 8)
                  .mapToObj(i -> new ShardLoad("shardId-" + i, 0, i == 0 ? hot : 100, 0))
                  .toList()));
    }
    ScalingInput input = new ScalingInput(at(60), samples, StreamState.ACTIVE, List.of(), false);

    ScalingDecision decision = ENGINE.decide(input);

    assertThat(decision.reason()).isEqualTo(Reason.HOT_SHARD);
    assertThat(decision.message()).contains("merging would add");
  }

  private static StreamLoadSample hotShardSample(int minute) {
    List<ShardLoad> shards =
        List.of(
            new ShardLoad("shardId-0", 100_000, 1_000, 4_000),
            new ShardLoad("shardId-1", 5_000, 50, 0),
            new ShardLoad("shardId-2", 5_000, 50, 0),
            new ShardLoad("shardId-3", 5_000, 50, 0));
    return new StreamLoadSample(at(minute), 4, 115_000, 1_150, 4_000, shards);
  }

  @Test
  void atTheMaximumAnOverloadedStreamHolds() {
    ScalingDecision decision = ENGINE.decide(overloaded(32));

    assertThat(decision.reason()).isEqualTo(Reason.AT_MAX);
    assertThat(decision.message()).contains("maximum of 32");
  }

  @Test
  void aScaleOutStopsAtTheMaximumEvenOffAQuarterStep() {
    ScalingDecision decision = ENGINE.decide(hour(20, 40_000, List.of()));

    // 40,000/s would need 73 shards, doubling allows 40, the maximum 32 (160% of 20).
    assertThat(decision.targetShards()).isEqualTo(32);
  }

  @Test
  void atTheMinimumAnIdleStreamHolds() {
    ScalingDecision decision = ENGINE.decide(idle(2));

    assertThat(decision.reason()).isEqualTo(Reason.AT_MIN);
  }

  @Test
  void aScaleInStopsAtTheMinimum() {
    ScalingDecisionEngine engine =
        new ScalingDecisionEngine(ScalingPolicy.builder().shards(6, 32).build());

    ScalingDecision decision = engine.decide(idle(8));

    assertThat(decision.action()).isEqualTo(Action.SCALE_IN);
    assertThat(decision.targetShards()).isEqualTo(6);
  }

  @Test
  void aStreamBelowTheMinimumIsScaledUpToItAtMostDoublingPerChange() {
    ScalingDecisionEngine engine =
        new ScalingDecisionEngine(ScalingPolicy.builder().shards(10, 32).build());

    ScalingDecision decision = engine.decide(idle(4));

    assertThat(decision.reason()).isEqualTo(Reason.BELOW_MIN);
    assertThat(decision.targetShards()).isEqualTo(8);
  }

  @Test
  void aStreamAboveTheMaximumIsScaledDownToItAtMostHalvingPerChange() {
    ScalingDecision decision = ENGINE.decide(hour(40, 10_000, List.of()));

    assertThat(decision.reason()).isEqualTo(Reason.ABOVE_MAX);
    assertThat(decision.targetShards()).isEqualTo(32);
    assertThat(ENGINE.decide(hour(70, 10_000, List.of())).targetShards()).isEqualTo(35);
  }

  private static ScalingInput withChanges(ScalingInput input, List<Instant> changes) {
    return new ScalingInput(input.now(), input.samples(), input.state(), changes, false);
  }
}
