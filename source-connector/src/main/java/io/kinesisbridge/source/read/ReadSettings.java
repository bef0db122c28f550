package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.StartPosition;

import java.time.Duration;

/**
 * What a task's reader needs from the config.
 *
 * @param initialPosition where shards without an offset start
 * @param idleInterval wait before polling a shard that returned nothing
 * @param maxRecords the GetRecords limit, also the most records one poll returns
 */
public record ReadSettings(StartPosition initialPosition, Duration idleInterval, int maxRecords) {}
