package io.kinesisbridge.common.metrics;

import io.kinesisbridge.common.aws.AwsClientFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

import java.util.List;

/** {@link CloudWatchPort} over the SDK's sync client; owns the client and its factory. */
final class SdkCloudWatchPort implements CloudWatchPort {

  private final CloudWatchClient client;
  private final AwsClientFactory factory;

  SdkCloudWatchPort(CloudWatchClient client, AwsClientFactory factory) {
    this.client = client;
    this.factory = factory;
  }

  @Override
  public void putMetricData(String namespace, List<MetricDatum> batch) {
    client.putMetricData(request -> request.namespace(namespace).metricData(batch));
  }

  /** Closes the client before the factory, whose credentials the client uses until then. */
  @Override
  public void close() {
    try {
      client.close();
    } finally {
      factory.close();
    }
  }
}
