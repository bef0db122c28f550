package io.kinesisbridge.testkit.stub;

/**
 * What one shard of a stub stream took, so a harness can tell whether every shard was kept near its
 * write limit or one hot shard held the others back.
 *
 * @param shardId the shard's id, e.g. {@code shardId-000000000000}
 * @param records Kinesis records accepted (an aggregate counts once: the unit of the shard limit)
 * @param userRecords user records inside them (1 per non-aggregated record)
 * @param bytes data plus partition key bytes accepted (the unit of the shard's byte limit)
 * @param throttledEntries entries answered with {@code ProvisionedThroughputExceededException},
 *     whether by the shard limit or by injected throttling
 */
public record ShardStats(
    String shardId, long records, long userRecords, long bytes, long throttledEntries) {}
