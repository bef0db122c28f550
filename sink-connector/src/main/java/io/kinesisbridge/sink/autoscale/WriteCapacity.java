package io.kinesisbridge.sink.autoscale;

/**
 * The write capacity of one provisioned shard, and write load expressed in shards of it.
 *
 * <p>A shard takes 1 MiB/s or 1,000 records/s, whichever runs out first, so load in shards is the
 * larger of the two shares. Throttled entries count as demand: a throttled stream is
 * under-provisioned, and counting only what got through would make it look exactly full.
 */
public final class WriteCapacity {

  /** Bytes per second one shard accepts. */
  public static final double BYTES_PER_SHARD = 1024.0 * 1024.0;

  /** Records per second one shard accepts. */
  public static final double RECORDS_PER_SHARD = 1_000.0;

  private WriteCapacity() {}

  /**
   * How many shards' worth of write capacity the load needs.
   *
   * @param bytesPerSecond bytes accepted per second
   * @param recordsPerSecond records accepted per second
   * @param throttledPerSecond entries rejected as throttled per second; their bytes are estimated
   *     from the average size of the accepted records, because throttle counters carry no sizes
   */
  public static double demandInShards(
      double bytesPerSecond, double recordsPerSecond, double throttledPerSecond) {
    double averageRecordBytes = recordsPerSecond > 0 ? bytesPerSecond / recordsPerSecond : 0;
    double bytes = bytesPerSecond + throttledPerSecond * averageRecordBytes;
    double records = recordsPerSecond + throttledPerSecond;
    return Math.max(bytes / BYTES_PER_SHARD, records / RECORDS_PER_SHARD);
  }
}
