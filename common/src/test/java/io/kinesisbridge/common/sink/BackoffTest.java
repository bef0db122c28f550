package io.kinesisbridge.common.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

  private final Backoff backoff =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(3));

  @ParameterizedTest(name = "attempt {0} waits at most {1} ms")
  @CsvSource({
    "0, 0",
    "1, 100",
    "2, 200",
    "3, 400",
    "7, 6400",
    "8, 10000",
    "64, 10000",
    "1000, 10000"
  })
  void theCeilingDoublesPerAttemptUpToTheMaximum(int attempt, long ceilingMillis) {
    assertThat(backoff.ceilingNanos(attempt)).isEqualTo(ceilingMillis * 1_000_000);
  }

  @Test
  void delaysAreFullyJitteredBetweenZeroAndTheCeiling() {
    long smallest = Long.MAX_VALUE;
    long largest = 0;
    for (int i = 0; i < 10_000; i++) {
      long delay = backoff.delayNanos(3);
      smallest = Math.min(smallest, delay);
      largest = Math.max(largest, delay);
    }

    assertThat(smallest).isBetween(0L, 10_000_000L);
    assertThat(largest).isBetween(390_000_000L, 400_000_000L);
  }

  @Test
  void aMaximumBelowTheBaseIsRefused() {
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
