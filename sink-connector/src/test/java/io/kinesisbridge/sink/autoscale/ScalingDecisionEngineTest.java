package io.kinesisbridge.sink.autoscale;

import io.kinesisbridge.sink.autoscale.ScalingDecision.Reason;
import io.kinesisbridge.sink.autoscale.SimulatedStream.Change;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine on synthetic load curves, fed minute by minute through a {@link SimulatedStream}. */
class ScalingDecisionEngineTest {

  private static final ScalingPolicy DEFAULTS = ScalingPolicy.builder().shards(1, 64).build();

  @Test
  void steadyLoadInsideTheBandNeverChangesTheCount() {
    SimulatedStream stream = new SimulatedStream(DEFAULTS, 4).run(0, 6 * 60, m -> 2_000);

    assertThat(stream.changes()).isEmpty();
    assertThat(stream.decisions())
        .allSatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.WITHIN_TARGET));
    assertThat(stream.decisions().get(0).utilization()).isEqualTo(0.5);
  }

  @Test
  void aRampScalesOutAfterTheSustainWindowAtMostDoublingAndAgainOnlyAfterTheCoolDown() {
    // 1,000 records/s plus 500 more each minute, up to 20,000: 2 shards are over 80% from minute 2.
    SimulatedStream stream =
        new SimulatedStream(DEFAULTS, 2).run(0, 120, m -> Math.min(1_000 + 500 * m, 20_000));

    // Minute 7: over for 5 minutes; 4,500/s would need 9 shards, doubling allows 4. Each next
    // change waits out the 15-minute cool-down; the last is sized for the middle of the band.
    assertThat(stream.changes())
        .containsExactly(
            new Change(7, 2, 4),
            new Change(22, 4, 8),
            new Change(37, 8, 16),
            new Change(52, 16, 32));
    assertThat(stream.decisions().get(6).reason()).isEqualTo(Reason.NOT_SUSTAINED);
    assertThat(stream.decisions().get(15).reason()).isEqualTo(Reason.COOL_DOWN);
    assertThat(stream.decisions().get(120).utilization()).isEqualTo(20_000 / 32_000.0);
    assertThat(stream.decisions().get(120).reason()).isEqualTo(Reason.WITHIN_TARGET);
  }

  @Test
  void aSlowRampGetsTargetsSizedForTheMiddleOfTheBandOnQuarterSteps() {
    SimulatedStream stream =
        new SimulatedStream(DEFAULTS, 2).run(0, 150, m -> Math.min(1_000 + 100 * m, 12_000));

    // Minute 12: 2,200/s needs 4 shards at 55%. Minute 28: 3,800/s needs 7 (7 = 175% of 4).
    // Minute 52: 6,200/s needs 12, the next step of 7 is 13 (175%, rounded up).
    assertThat(stream.changes())
        .containsExactly(
            new Change(12, 2, 4),
            new Change(28, 4, 7),
            new Change(52, 7, 13),
            new Change(100, 13, 20));
  }

  @Test
  void aSpikeShorterThanTheSustainWindowIsRiddenOut() {
    SimulatedStream stream =
        new SimulatedStream(DEFAULTS, 4).run(0, 120, m -> m >= 60 && m < 64 ? 8_000 : 2_000);

    assertThat(stream.changes()).isEmpty();
    assertThat(stream.decisions().subList(60, 64))
        .allSatisfy(d -> assertThat(d.reason()).isEqualTo(Reason.NOT_SUSTAINED));
    assertThat(stream.decisions().get(63).message()).contains("for 3m of the 5m it must last");
  }

  @Test
  void aDiurnalCurveScalesOutByDayAndInByNightWithinTheDailyBudget() {
    ScalingPolicy policy = ScalingPolicy.builder().shards(2, 16).build();
    // 1,000 records/s at midnight, 9,000 at noon, for three days.
    SimulatedStream stream =
        new SimulatedStream(policy, 4)
            .run(0, 3 * 1440, m -> 5_000 - 4_000 * Math.cos(2 * Math.PI * m / 1440));

    List<Change> changes = stream.changes();
    // Day three, once the start-up count is forgotten: out in three steps through the morning, in
    // in three through the evening, each within double or half: six of the eight changes a day.
    assertThat(
            changes.stream().filter(c -> c.minute() >= 2 * 1440).map(c -> c.from() + "->" + c.to()))
        .containsExactly("3->5", "5->8", "8->12", "12->9", "9->5", "5->3");
    assertThat(stream.mostChangesInAnyDay()).isLessThanOrEqualTo(8);
    assertThat(changes)
        .allSatisfy(c -> assertThat(c.to()).isBetween((c.from() + 1) / 2, 2 * c.from()));
    // At the noon peak 12 shards run at 75%, and the scale-outs keep ahead of the morning ramp:
    // no minute of the three days is throttled.
    assertThat(stream.decisions().get(2 * 1440 + 720).currentShards()).isEqualTo(12);
    assertThat(stream.decisions()).noneMatch(d -> d.utilization() > 1);
  }

  @Test
  void loadFlappingAroundTheScaleOutShareNeverChangesTheCount() {
    // 77.5% and 82.5% of 4 shards in turn, for six hours.
    SimulatedStream stream =
        new SimulatedStream(DEFAULTS, 4).run(0, 6 * 60, m -> m % 2 == 0 ? 3_100 : 3_300);

    assertThat(stream.changes()).isEmpty();
  }

  @Test
  void burstsAndLullsShorterThanTheScaleInWindowScaleOutOnceAndNeverBackAndForth() {
    // 20 minutes at 85% of 4 shards, 20 minutes at 25%, for twelve hours.
    SimulatedStream stream =
        new SimulatedStream(DEFAULTS, 4).run(0, 12 * 60, m -> (m / 20) % 2 == 0 ? 3_400 : 1_000);

    // 3,400/s needs 7 shards at 55%; at 7 the lulls (14%) never last the 30 minutes to scale in,
    // and the bursts (49%) stay inside the band.
    assertThat(stream.changes()).containsExactly(new Change(5, 4, 7));
  }

  @Test
  void aScaleInLeavesThePeakOfTheWindowAtTheMiddleOfTheBand() {
    // 16 shards, the load drops to 2,000/s; 3,000/s later must not need a scale-out.
    SimulatedStream stream =
        new SimulatedStream(DEFAULTS, 16).run(0, 70, m -> 2_000).run(71, 180, m -> 3_000);

    // Half of 16 is as far as one change goes; 30 minutes later 2,000/s needs 4 shards at 55%.
    assertThat(stream.changes()).containsExactly(new Change(30, 16, 8), new Change(61, 8, 4));
    assertThat(stream.decisions().get(180).reason()).isEqualTo(Reason.WITHIN_TARGET);
  }
}
