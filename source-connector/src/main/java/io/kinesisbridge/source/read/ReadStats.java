package io.kinesisbridge.source.read;

/**
 * Counters of a task's reader, for logs and tests.
 *
 * @param getRecordsCalls successful GetRecords calls
 * @param throttles calls refused with ProvisionedThroughputExceeded
 * @param iteratorRenewals iterators rebuilt after they expired
 * @param records records handed to Connect
 */
public record ReadStats(
    long getRecordsCalls, long throttles, long iteratorRenewals, long records) {}
