package io.kinesisbridge.bench;

import io.kinesisbridge.testkit.stub.ShardStats;

import java.util.List;

/**
 * What an endpoint counted for one run.
 *
 * @param calls PutRecords or PutRecordBatch calls
 * @param records Kinesis or Firehose records accepted (an aggregate or a packed record counts once)
 * @param failedEntries entries the endpoint failed on purpose
 * @param misrouted user records inside aggregates that hash to another shard (when checked)
 * @param firstRecordNanos when the first record arrived ({@code System.nanoTime()}), or -1 when the
 *     endpoint does not record it (the runner's own polling time is used then)
 * @param lastRecordNanos when the last record arrived, or -1 likewise
 * @param billing billed and payload bytes (Firehose), or null
 * @param shards what each shard took (Kinesis), or an empty list
 */
record Delivered(
    long calls,
    long records,
    long failedEntries,
    long misrouted,
    long firstRecordNanos,
    long lastRecordNanos,
    Billing billing,
    List<ShardStats> shards) {}
