package io.kinesisbridge.common.sink;

/**
 * A second look at a successful entry, for the Kinesis sink to notice an aggregated record that
 * landed on a shard other than the one it was packed for (after resharding): KCL drops such
 * records, so they must be sent again.
 *
 * @param <E> one wire entry
 */
@FunctionalInterface
public interface SuccessInspector<E> {

  /**
   * Whether a success stands. Returning {@code false} turns it into a retriable failure ("landed on
   * an unexpected shard"): the entry's records are packed and sent again after a backoff. Called
   * under the pipeline's lock: keep it quick and never call back into the pipeline.
   */
  boolean acceptsSuccess(E entry, EntryOutcome outcome);

  /** Accepts every success. */
  static <E> SuccessInspector<E> acceptAll() {
    return (entry, outcome) -> true;
  }
}
