package io.kinesisbridge.firehose.batch;

/**
 * The Amazon Data Firehose limits and billing unit the sink is built around, as AWS documents them.
 * The sink enforces the limits itself before sending, on the raw record bytes (before the SDK's
 * base64 encoding), so no call is ever rejected for its size.
 */
public final class FirehoseLimits {

  /**
   * Largest data blob of one Firehose record: 1,000 KiB. "The maximum size of the data blob, before
   * base64-encoding, is 1,000 KiB" (API reference, Record; length constraint 1024000).
   */
  public static final int MAX_RECORD_BYTES = 1_024_000;

  /** Most records in one PutRecordBatch call (API reference, PutRecordBatch). */
  public static final int MAX_RECORDS_PER_CALL = 500;

  /** Most bytes in one PutRecordBatch call: 4 MiB (API reference, PutRecordBatch). */
  public static final int MAX_BYTES_PER_CALL = 4 * 1024 * 1024;

  /**
   * Firehose bills Direct PUT ingestion per record, each record's size rounded up to the nearest 5
   * KB, which AWS's pricing page spells out as 5,120 bytes; the rounding is per record, not per API
   * call, so two 1 KB records in one PutRecordBatch are billed as 10 KB. Source: Amazon Data
   * Firehose pricing, https://aws.amazon.com/de/kinesis/data-firehose/pricing/ ("auf die nächsten 5
   * KB (5 120 Bytes) aufgerundeten Größe der einzelnen Datensätze").
   */
  public static final int BILLING_INCREMENT_BYTES = 5_120;

  private FirehoseLimits() {}
}
