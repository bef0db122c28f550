package io.kinesisbridge.bench;

/**
 * What the soak records once per sample interval (a minute by default).
 *
 * @param minute minutes since the producer started (0: just before)
 * @param heapAfterGcMiB heap used right after a forced full GC, this JVM (broker, worker, fixtures)
 * @param threads live threads of this JVM
 * @param fds open file descriptors of this JVM ({@code /proc/self/fd}), -1 where unavailable
 * @param producedPerSecond records/s the producer had acknowledged by the broker over the interval
 * @param kinesisSinkPerSecond Kinesis sink records acknowledged per second over the interval
 * @param firehoseSinkPerSecond Firehose sink records acknowledged per second over the interval
 * @param sourcePerSecond Kinesis source records delivered per second over the interval
 * @param kinesisSinkLag the Kinesis sink's consumer group lag (records, committed offsets)
 * @param firehoseSinkLag the Firehose sink's consumer group lag (records, committed offsets)
 * @param sourceMillisBehind the source's {@code max-millis-behind-latest}
 * @param kinesisMockRssMiB resident memory of the kinesis-mock process (not this JVM), -1 if
 *     unknown
 * @param jvmCores cores this JVM kept busy over the interval
 * @param machineCores cores the whole machine kept busy over the interval (other processes too)
 * @param note a connector or task that is not RUNNING, a producer failure; empty when all is well
 */
record SoakSample(
    double minute,
    double heapAfterGcMiB,
    int threads,
    long fds,
    double producedPerSecond,
    double kinesisSinkPerSecond,
    double firehoseSinkPerSecond,
    double sourcePerSecond,
    long kinesisSinkLag,
    long firehoseSinkLag,
    long sourceMillisBehind,
    double kinesisMockRssMiB,
    double jvmCores,
    double machineCores,
    String note) {

  static final String CSV_HEADER =
      "minute,heap_after_gc_mib,threads,open_fds,produced_per_s,kinesis_sink_per_s,"
          + "firehose_sink_per_s,source_per_s,kinesis_sink_lag_records,firehose_sink_lag_records,"
          + "source_millis_behind_latest,kinesis_mock_rss_mib,jvm_cores,machine_cores,note";

  String csv() {
    return String.join(
        ",",
        fmt(minute, 2),
        fmt(heapAfterGcMiB, 1),
        String.valueOf(threads),
        String.valueOf(fds),
        fmt(producedPerSecond, 1),
        fmt(kinesisSinkPerSecond, 1),
        fmt(firehoseSinkPerSecond, 1),
        fmt(sourcePerSecond, 1),
        String.valueOf(kinesisSinkLag),
        String.valueOf(firehoseSinkLag),
        String.valueOf(sourceMillisBehind),
        fmt(kinesisMockRssMiB, 1),
        fmt(jvmCores, 2),
        fmt(machineCores, 2),
        '"' + note.replace("\"", "'") + '"');
  }

  private static String fmt(double value, int decimals) {
    return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
  }
}
