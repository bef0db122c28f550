/**
 * The delivery machinery both sinks share: batching records into PutRecords or PutRecordBatch
 * requests, per-entry partial-failure resends, per-key or per-lane ordering across retries and
 * reshards, backoff and adaptive rate limiting per stream and per shard, delivery timeouts,
 * acknowledged-offset tracking and buffer accounting.
 *
 * <p>It is pure logic behind narrow ports and never names an AWS SDK type in its API. A sink task
 * delegates to one generic {@link io.kinesisbridge.common.sink.DeliverySink} and supplies only what
 * differs: a {@link io.kinesisbridge.common.sink.DeliverySink.Preparation} of records, a {@link
 * io.kinesisbridge.common.sink.Packer}, a {@link io.kinesisbridge.common.sink.BatchSender} and
 * optionally a success inspector and extra gauges.
 *
 * <p>Inside, by ownership: {@code DeliveryPipeline} is the threading shell (one lock, the pump,
 * timers); {@code PipelineCore} the single-threaded bookkeeping (requests in flight, counters,
 * timeouts) around {@code LaneTable}, the one owner of lanes, destinations, retries and request
 * building; {@code Verdicts} the pure function from an answer to acknowledge, retry, throttle or
 * fail, which {@code OutcomeHandler} applies; {@link io.kinesisbridge.common.sink.OffsetTracker}
 * the committable offsets; {@link io.kinesisbridge.common.sink.PipelineSettings} the settings.
 * {@link io.kinesisbridge.common.sink.Backoff} and {@link
 * io.kinesisbridge.common.sink.AimdRateLimiter} are usable and testable on their own.
 */
package io.kinesisbridge.common.sink;
