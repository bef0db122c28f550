package io.kinesisbridge.source.kinesis;

import software.amazon.awssdk.services.kinesis.model.Record;

import java.time.Instant;

/**
 * One record as GetRecords or a subscription event returns it.
 *
 * @param sequenceNumber the record's sequence number
 * @param partitionKey the record's partition key
 * @param data the record's data (an aggregate when written by the KPL)
 * @param arrival the approximate arrival time
 */
public record KinesisRecordData(
    String sequenceNumber, String partitionKey, byte[] data, Instant arrival) {

  /** The fields of an SDK record; the data is copied out of the SDK's buffer. */
  static KinesisRecordData of(Record record) {
    return new KinesisRecordData(
        record.sequenceNumber(),
        record.partitionKey(),
        record.data().asByteArray(),
        record.approximateArrivalTimestamp());
  }
}
