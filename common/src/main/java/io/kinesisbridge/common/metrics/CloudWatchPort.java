package io.kinesisbridge.common.metrics;

import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

import java.util.List;

/** The one CloudWatch call the publisher makes; unit tests pass a hand-written fake. */
public interface CloudWatchPort extends AutoCloseable {

  /**
   * Sends one PutMetricData request.
   *
   * @param namespace the metrics' namespace
   * @param batch at most 1,000 datums within 1 MB (see {@link MetricDatums})
   * @throws RuntimeException when CloudWatch cannot be reached or refuses the request
   */
  void putMetricData(String namespace, List<MetricDatum> batch);

  /** Releases the client; no call may follow. */
  @Override
  void close();
}
