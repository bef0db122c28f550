package io.kinesisbridge.common.sink;

/**
 * What happened to one entry of a request: success (optionally with the shard it landed on) or a
 * per-entry failure with AWS's error code, as PutRecords and PutRecordBatch report them.
 *
 * @param success whether the entry was written
 * @param errorCode AWS's {@code ErrorCode} of a failed entry; {@code null} on success
 * @param errorMessage AWS's {@code ErrorMessage} of a failed entry; may be {@code null}
 * @param shardId the shard a successful Kinesis entry landed on; {@code null} when unknown
 */
public record EntryOutcome(boolean success, String errorCode, String errorMessage, String shardId) {

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
   * @param errorCode e.g. {@code ProvisionedThroughputExceededException}; a blank code counts as a
   *     retriable failure
   * @param errorMessage AWS's message, may be {@code null}
   */
  public static EntryOutcome failed(String errorCode, String errorMessage) {
    return new EntryOutcome(false, errorCode == null ? "" : errorCode, errorMessage, null);
  }
}
