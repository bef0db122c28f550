package io.kinesisbridge.common.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AimdRateLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  private static AimdRateLimiter limiter() {
    return AimdRateLimiter.builder()
        .initialRate(1000)
        .minRate(100)
        .maxRate(2000)
        .increasePerSuccess(10)
        .cooldown(Duration.ofMillis(100))
        .build();
  }

  @Test
  void throttlingHalvesTheRateButOnlyOncePerCooldown() {
    AimdRateLimiter limiter = limiter();

    limiter.onThrottle(0);
    limiter.onThrottle(SECOND / 20);
    assertThat(limiter.rate()).isEqualTo(500);

    limiter.onThrottle(SECOND / 5);
    assertThat(limiter.rate()).isEqualTo(250);
  }

  @Test
  void theRateNeverFallsBelowTheFloorNorRisesAboveTheCeiling() {
    AimdRateLimiter limiter = limiter();
    for (int i = 0; i < 20; i++) {
      limiter.onThrottle(i * SECOND);
    }
    assertThat(limiter.rate()).isEqualTo(100);

    for (int i = 0; i < 1000; i++) {
      limiter.onSuccess(30 * SECOND);
    }
    assertThat(limiter.rate()).isEqualTo(2000);
  }

  @Test
  void successRaisesTheRateAdditively() {
    AimdRateLimiter limiter = limiter();
    limiter.onThrottle(0);

    limiter.onSuccess(1);
    limiter.onSuccess(2);

    assertThat(limiter.rate()).isEqualTo(520);
  }

  @Test
  void permitsAreSpentAndRefillAtTheRateUpToOneSecondsWorth() {
    AimdRateLimiter limiter = limiter();
    assertThat(limiter.availablePermits(0)).isEqualTo(1000);

    limiter.consume(1000, 0);
    assertThat(limiter.availablePermits(0)).isZero();
    assertThat(limiter.nanosUntilAvailable(0)).isEqualTo(SECOND / 1000);
    assertThat(limiter.availablePermits(SECOND / 10)).isEqualTo(100);
    assertThat(limiter.availablePermits(10 * SECOND)).isEqualTo(1000);
  }

  @Test
  void throttlingAlsoShrinksTheBurst() {
    AimdRateLimiter limiter = limiter();

    limiter.onThrottle(0);

    assertThat(limiter.availablePermits(0)).isEqualTo(500);
  }

  @Test
  void inconsistentRatesAreRefused() {
    assertThatThrownBy(() -> AimdRateLimiter.builder().initialRate(5).minRate(10).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min <= initial <= max");
  }
}
