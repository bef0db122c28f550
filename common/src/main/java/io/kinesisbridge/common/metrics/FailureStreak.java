package io.kinesisbridge.common.metrics;

/**
 * Decides how loudly to log a failed publication: the first failure of a streak at WARN, the rest
 * at DEBUG (a CloudWatch outage or a missing permission would otherwise write a warning every
 * interval of every task), and one INFO line when publishing works again.
 */
final class FailureStreak {

  /** How loudly to log an event. */
  enum Level {
    WARN,
    DEBUG,
    INFO,
    NONE
  }

  private long failures;

  /** Records a failure; WARN when it starts a streak, DEBUG otherwise. */
  synchronized Level failed() {
    failures++;
    return failures == 1 ? Level.WARN : Level.DEBUG;
  }

  /** Records a success; INFO when it ends a streak, NONE otherwise. */
  synchronized Level succeeded() {
    Level level = failures > 0 ? Level.INFO : Level.NONE;
    failures = 0;
    return level;
  }

  /** Failures since the last success. */
  synchronized long failures() {
    return failures;
  }
}
