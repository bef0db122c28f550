/**
 * Kinesis partition keys for sink records: the forms of {@code kinesis.partition.key}, the {@code
 * <topic>-<partition>} fallback and the 256-code-point limit. See {@link
 * io.kinesisbridge.sink.key.PartitionKeyStrategy} for the user-facing rules.
 */
package io.kinesisbridge.sink.key;
