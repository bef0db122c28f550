package io.kinesisbridge.sink.batch;

import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * One PutRecords entry and what the sink expects of it.
 *
 * @param stream the stream it goes to
 * @param entry the request entry
 * @param expectedShardId the shard its hash key mapped to when it was packed, or null if unknown
 * @param aggregated whether it is a KPL aggregate (which must land on the expected shard)
 * @param userRecords how many Kafka records it carries
 */
public record KinesisEntry(
    String stream,
    PutRecordsRequestEntry entry,
    String expectedShardId,
    boolean aggregated,
    int userRecords) {}
