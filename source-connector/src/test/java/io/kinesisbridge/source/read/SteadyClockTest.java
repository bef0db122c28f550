package io.kinesisbridge.source.read;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SteadyClockTest {

  private long source = 5_000_000;

  @Test
  void aSourceSteppingBackReadsAsAPauseAndTimeGoesOnFromThere() {
    SteadyClock clock = SteadyClock.over(() -> source);
    assertThat(clock.getAsLong()).isEqualTo(5_000_000);
    source += 300;
    assertThat(clock.getAsLong()).isEqualTo(5_000_300);

    source -= 3_600_000;
    assertThat(clock.getAsLong()).isEqualTo(5_000_300);
    source += 200;

    assertThat(clock.getAsLong()).isEqualTo(5_000_500);
  }

  @Test
  void aSourceJumpingForwardIsFollowed() {
    SteadyClock clock = SteadyClock.over(() -> source);
    clock.getAsLong();
    source += 60_000;

    assertThat(clock.getAsLong()).isEqualTo(5_060_000);
  }

  @Test
  void aSteadyClockIsNotWrappedAgainAndTheSystemOneNeverStepsBack() {
    SteadyClock system = SteadyClock.system();
    long first = system.getAsLong();

    assertThat(SteadyClock.over(system)).isSameAs(system);
    assertThat(system.getAsLong()).isGreaterThanOrEqualTo(first);
  }
}
