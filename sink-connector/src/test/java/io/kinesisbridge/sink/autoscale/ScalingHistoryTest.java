package io.kinesisbridge.sink.autoscale;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.kinesisbridge.sink.autoscale.SimulatedStream.at;
import static io.kinesisbridge.sink.autoscale.SimulatedStream.sample;
import static org.assertj.core.api.Assertions.assertThat;

class ScalingHistoryTest {

  @Test
  void keepsSamplesForTheLongerSustainWindowPlusTheAllowedSampleAge() {
    ScalingPolicy policy =
        ScalingPolicy.builder()
            .shards(1, 8)
            .scaleOutAfter(Duration.ofMinutes(5))
            .scaleInAfter(Duration.ofMinutes(30))
            .build();
    ScalingHistory history = new ScalingHistory(policy);

    for (int minute = 0; minute <= 120; minute++) {
      history.add(sample(minute, 2, 1_000));
    }
    ScalingInput input = history.input(at(120), StreamState.ACTIVE, false);

    // 30 minutes of window plus 10 of sample age: minutes 80 to 120.
    assertThat(input.samples()).hasSize(41);
    assertThat(input.samples().get(0).time()).isEqualTo(at(80));
  }

  @Test
  void forgetsChangesOnceTheyLeaveTheRollingDay() {
    ScalingHistory history = new ScalingHistory(ScalingPolicy.builder().shards(1, 8).build());
    history.recordChange(at(0));
    history.recordChange(at(600));

    assertThat(history.input(at(1439), StreamState.ACTIVE, false).changesInBudgetWindow())
        .isEqualTo(2);
    assertThat(history.input(at(1440), StreamState.ACTIVE, false).changesInLast24h())
        .containsExactly(at(600));
  }
}
