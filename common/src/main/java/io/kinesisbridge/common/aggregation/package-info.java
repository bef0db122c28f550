/**
 * A pure-Java codec for the KPL aggregation format, so the sink can pack many small Kafka records
 * into one Kinesis record and the source can unpack records written by AWS's Kinesis Producer
 * Library, without the native KPL and without a protobuf runtime in the plugin bundle.
 *
 * <p>An aggregated record is the magic {@code F3 89 9A C2}, then a protobuf {@code
 * AggregatedRecord} message, then the 16-byte MD5 of that message:
 *
 * <pre>
 * message AggregatedRecord {
 *   repeated string partition_key_table = 1;
 *   repeated string explicit_hash_key_table = 2;
 *   repeated Record records = 3;
 * }
 * message Record {
 *   required uint64 partition_key_index = 1;
 *   optional uint64 explicit_hash_key_index = 2;
 *   required bytes data = 3;
 *   repeated Tag tags = 4;   // never written by us, skipped when read
 * }
 * </pre>
 *
 * <p>Entry points: {@link io.kinesisbridge.common.aggregation.AggregateBuilder} (incremental, with
 * exact sizes), {@link io.kinesisbridge.common.aggregation.AggregateEncoder}, {@link
 * io.kinesisbridge.common.aggregation.AggregateDecoder} and {@link
 * io.kinesisbridge.common.aggregation.HashKeys}.
 */
package io.kinesisbridge.common.aggregation;
