package io.kinesisbridge.source.kinesis;

import java.time.Instant;

/**
 * One record as GetRecords returns it.
 *
 * @param sequenceNumber the record's sequence number
 * @param partitionKey the record's partition key
 * @param data the record's data (an aggregate when written by the KPL)
 * @param arrival the approximate arrival time
 */
public record KinesisRecordData(
    String sequenceNumber, String partitionKey, byte[] data, Instant arrival) {}
