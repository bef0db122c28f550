package io.kinesisbridge.common.sink;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The port through which the pipeline sends one request: a PutRecords call for the Kinesis sink, a
 * PutRecordBatch call for the Firehose sink.
 *
 * @param <E> one wire entry, as a {@link Packer} made it
 */
@FunctionalInterface
public interface BatchSender<E> {

  /**
   * Starts one call and returns at once; the task thread must never wait on the network.
   *
   * <p>The future completes with one outcome per entry, in the order of {@code entries}, when the
   * call got an answer (which may report per-entry failures); it completes exceptionally when the
   * whole call failed, and the exception is judged by {@link
   * io.kinesisbridge.common.errors.ErrorClassifier#classify}. Throwing instead of returning a
   * failed future is treated the same way.
   *
   * @param destination the stream or delivery stream every entry goes to
   * @param entries at most the configured number of entries and bytes; the sender must not modify
   *     the list
   */
  CompletableFuture<List<EntryOutcome>> send(String destination, List<E> entries);

  /**
   * What happened to one entry of a request: success (optionally with the shard it landed on) or a
   * per-entry failure with AWS's error code, as PutRecords and PutRecordBatch report them.
   *
   * @param success whether the entry was written
   * @param errorCode AWS's {@code ErrorCode} of a failed entry; {@code null} on success
   * @param errorMessage AWS's {@code ErrorMessage} of a failed entry; may be {@code null}
   * @param shardId the shard a successful Kinesis entry landed on; {@code null} when unknown
   */
  public record EntryOutcome(
      boolean success, String errorCode, String errorMessage, String shardId) {

    private static final EntryOutcome SUCCESS = new EntryOutcome(true, null, null, null);

    /** A successful entry without shard information. */
    public static EntryOutcome succeeded() {
      return SUCCESS;
    }

    /** A successful entry that landed on {@code shardId}. */
    public static EntryOutcome succeededOn(String shardId) {
      return new EntryOutcome(true, null, null, shardId);
    }

    /**
     * A failed entry.
     *
     * @param errorCode e.g. {@code ProvisionedThroughputExceededException}; a blank code counts as
     *     a retriable failure
     * @param errorMessage AWS's message, may be {@code null}
     */
    public static EntryOutcome failed(String errorCode, String errorMessage) {
      return new EntryOutcome(false, errorCode == null ? "" : errorCode, errorMessage, null);
    }
  }

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
     * Whether a success stands. Returning {@code false} turns it into a retriable failure ("landed
     * on an unexpected shard"): the entry's records are packed and sent again after a backoff.
     * Called under the pipeline's lock: keep it quick and never call back into the pipeline.
     */
    boolean acceptsSuccess(E entry, EntryOutcome outcome);

    /** Accepts every success. */
    static <E> SuccessInspector<E> acceptAll() {
      return (entry, outcome) -> true;
    }
  }
}
