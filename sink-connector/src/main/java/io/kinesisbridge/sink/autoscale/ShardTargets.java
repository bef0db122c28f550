package io.kinesisbridge.sink.autoscale;

/**
 * The shard counts UpdateShardCount accepts from a current count: at most double, at least half
 * (rounded up, as Kinesis rounds), and preferably on a 25% step of the current count, which
 * UNIFORM_SCALING reaches fastest and with the fewest intermediate shards.
 */
final class ShardTargets {

  /** Guards against {@code 2.2 / 0.55} coming out a hair above 4 and asking for a fifth shard. */
  private static final double ROUNDING_SLACK = 1e-9;

  private ShardTargets() {}

  /**
   * The smallest count above {@code current} that brings the demand down to {@code
   * targetUtilization}, or the most allowed (double, or {@code maxShards}) when none does.
   *
   * @param current open shards now, below {@code maxShards}
   */
  static int scaleOut(int current, int maxShards, double demandInShards, double targetUtilization) {
    int upper = Math.min(2 * current, maxShards);
    int ideal = Math.max(needed(demandInShards, targetUtilization), current + 1);
    return snapUp(Math.min(ideal, upper), current, upper);
  }

  /**
   * The smallest count below {@code current} that keeps the demand at or under {@code
   * targetUtilization}, within half of {@code current} and at least {@code minShards}; {@code
   * current} itself when no smaller count does. Sizing for the middle of the band, not just under
   * the scale-out share, is what keeps a scale-in from being undone by the next scale-out.
   */
  static int scaleIn(int current, int minShards, double demandInShards, double targetUtilization) {
    int lower = Math.max(half(current), minShards);
    int upper = current - 1;
    int needed = needed(demandInShards, targetUtilization);
    if (lower > upper || needed > upper) {
      return current;
    }
    return snapUp(Math.max(needed, lower), current, upper);
  }

  /** The smallest count Kinesis allows when scaling in from {@code current}: half, rounded up. */
  static int half(int current) {
    return (current + 1) / 2;
  }

  /** Shards needed so the demand is at most {@code targetUtilization} of the capacity. */
  static int needed(double demandInShards, double targetUtilization) {
    return Math.max(1, (int) Math.ceil(demandInShards / targetUtilization - ROUNDING_SLACK));
  }

  /**
   * The smallest 25% step of {@code current} (50%, 75%, 125% ... 200%, rounded up) from {@code
   * ideal} to {@code upper}; {@code ideal} itself when no step lies in between, as happens when a
   * bound cuts the range short.
   */
  private static int snapUp(int ideal, int current, int upper) {
    for (int quarters = 2; quarters <= 8; quarters++) {
      int step = (current * quarters + 3) / 4;
      if (step >= ideal && step <= upper) {
        return step;
      }
    }
    return ideal;
  }
}
