package io.kinesisbridge.source.read;

/**
 * Counters of a task's reader, for logs and tests.
 *
 * @param readCalls successful GetRecords calls, or subscription events received
 * @param throttles calls refused with ProvisionedThroughputExceeded
 * @param iteratorRenewals iterators rebuilt after they expired
 * @param resubscribes enhanced fan-out subscriptions renewed or restarted after an end or error
 * @param records records handed to Connect
 */
public record ReadStats(
    long readCalls, long throttles, long iteratorRenewals, long resubscribes, long records) {}
