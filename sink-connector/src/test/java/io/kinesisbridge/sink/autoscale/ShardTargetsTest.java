package io.kinesisbridge.sink.autoscale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ShardTargetsTest {

  @ParameterizedTest(name = "{0} shards, demand {2} shards, max {1}: scale out to {3}")
  @CsvSource({
    // just over 100%: one quarter step more is enough
    "8, 64, 4.8, 9, 10",
    "4, 64, 3.8, 7, 7",
    // far over: doubling is as far as one change goes
    "2, 64, 4.5, 9, 4",
    // the maximum cuts the range short; the target is the maximum, off the step grid
    "8, 11, 8.0, 15, 11",
    "1, 64, 0.9, 2, 2",
    // exactly the target utilisation needs no extra shard despite floating-point rounding
    "3, 64, 2.2, 4, 4"
  })
  void scaleOutTargetsAreTheSmallestQuarterStepThatBringsTheLoadToTheMiddle(
      int current, int max, double demand, int needed, int target) {
    assertThat(ShardTargets.needed(demand, 0.55)).isEqualTo(needed);
    assertThat(ShardTargets.scaleOut(current, max, demand, 0.55)).isEqualTo(target);
  }

  @ParameterizedTest(name = "{0} shards, demand {2} shards, min {1}: scale in to {3}")
  @CsvSource({
    "8, 1, 0.5, 4",
    // 2.3 shards need 5 at 55%; the next quarter step of 8 is 6
    "8, 1, 2.3, 6",
    // half of 9, rounded up, as Kinesis rounds
    "9, 1, 0.1, 5",
    "2, 1, 0.1, 1",
    // no count below the current one keeps the load at 55%: stay
    "8, 1, 4.0, 8",
    "1, 1, 0.1, 1",
    "8, 6, 0.1, 6"
  })
  void scaleInTargetsStayWithinHalfTheMinimumAndTheMiddleOfTheBand(
      int current, int min, double demand, int target) {
    int actual = ShardTargets.scaleIn(current, min, demand, 0.55);

    assertThat(actual).isEqualTo(target);
    assertThat(demand / actual).isLessThanOrEqualTo(0.55);
  }
}
