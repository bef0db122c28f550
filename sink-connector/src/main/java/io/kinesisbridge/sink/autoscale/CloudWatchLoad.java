package io.kinesisbridge.sink.autoscale;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Load as CloudWatch sees the stream: AWS/Kinesis IncomingBytes, IncomingRecords and
 * WriteProvisionedThroughputExceeded (sums per minute) by GetMetricData, so every writer counts,
 * not only this connector. Each check reads the last few minutes and turns the newest minute not
 * seen yet into a sample; CloudWatch publishes a minute a little after it ends, so samples lag the
 * load by a minute or two.
 */
public final class CloudWatchLoad implements WriteLoadSource {

  private static final Duration PERIOD = Duration.ofMinutes(1);
  private static final Duration LOOK_BACK = Duration.ofMinutes(5);

  private final CloudWatchClient cloudWatch;
  private final String stream;
  private Instant newestSeen = Instant.EPOCH;

  /** Reads the metrics of {@code stream} (its name) through {@code cloudWatch}. */
  public CloudWatchLoad(CloudWatchClient cloudWatch, String stream) {
    this.cloudWatch = cloudWatch;
    this.stream = stream;
  }

  @Override
  public Optional<StreamLoadSample> sample(Instant now, int openShards) {
    GetMetricDataResponse response =
        cloudWatch.getMetricData(
            b ->
                b.startTime(now.minus(LOOK_BACK))
                    .endTime(now)
                    .metricDataQueries(
                        query("bytes", "IncomingBytes"),
                        query("records", "IncomingRecords"),
                        query("throttled", "WriteProvisionedThroughputExceeded")));
    List<MetricDataResult> results = response.metricDataResults();
    Optional<Instant> newest =
        results.stream()
            .filter(r -> !r.id().equals("throttled"))
            .flatMap(r -> r.timestamps().stream())
            .max(Instant::compareTo);
    if (newest.isEmpty() || !newest.get().isAfter(newestSeen)) {
      return Optional.empty(); // no new minute published since the last check
    }
    newestSeen = newest.get();
    double seconds = PERIOD.toSeconds();
    return Optional.of(
        StreamLoadSample.ofTotals(
            newest.get().plus(PERIOD),
            openShards,
            valueAt(results, "bytes", newest.get()) / seconds,
            valueAt(results, "records", newest.get()) / seconds,
            valueAt(results, "throttled", newest.get()) / seconds));
  }

  private MetricDataQuery query(String id, String metric) {
    return MetricDataQuery.builder()
        .id(id)
        .returnData(true)
        .metricStat(
            s ->
                s.period((int) PERIOD.toSeconds())
                    .stat("Sum")
                    .metric(
                        m ->
                            m.namespace("AWS/Kinesis")
                                .metricName(metric)
                                .dimensions(
                                    Dimension.builder().name("StreamName").value(stream).build())))
        .build();
  }

  /** The value of {@code id} at {@code time}; a minute without a datapoint wrote nothing. */
  private static double valueAt(List<MetricDataResult> results, String id, Instant time) {
    for (MetricDataResult result : results) {
      if (result.id().equals(id)) {
        int index = result.timestamps().indexOf(time);
        return index < 0 ? 0 : result.values().get(index);
      }
    }
    return 0;
  }

  @Override
  public String description() {
    return "CloudWatch's AWS/Kinesis stream metrics (every writer of the stream)";
  }
}
