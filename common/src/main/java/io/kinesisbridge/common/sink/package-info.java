/**
 * The delivery machinery both sinks share: batching records into PutRecords or PutRecordBatch
 * requests, per-entry partial-failure resends, per-lane ordering across retries, backoff and
 * adaptive rate limiting, delivery timeouts, acknowledged-offset tracking and buffer accounting.
 *
 * <p>It is pure logic behind narrow ports and never names an AWS SDK type in its API: a sink adapts
 * its records with a {@link io.kinesisbridge.common.sink.Packer} and its client with a {@link
 * io.kinesisbridge.common.sink.BatchSender}. The entry point is {@link
 * io.kinesisbridge.common.sink.DeliveryPipeline}; {@link
 * io.kinesisbridge.common.sink.OffsetTracker}, {@link io.kinesisbridge.common.sink.Backoff} and
 * {@link io.kinesisbridge.common.sink.AimdRateLimiter} are usable and testable on their own.
 */
package io.kinesisbridge.common.sink;
