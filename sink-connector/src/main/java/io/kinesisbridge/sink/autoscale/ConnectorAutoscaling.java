package io.kinesisbridge.sink.autoscale;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.common.connect.PluginGauges;
import io.kinesisbridge.common.connect.TaskMetrics;
import io.kinesisbridge.common.kinesis.StreamRef;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The Kinesis sink connector's autoscaler with what it owns: its AWS clients, its thread and its
 * JMX gauges ({@code kinesis.bridge:type=kinesis-sink-autoscaler,connector=...,task=connector}).
 * Started by the connector (one per connector, whatever {@code tasks.max}) and closed on stop.
 */
public final class ConnectorAutoscaling implements AutoCloseable {

  private final AwsClientFactory clients;
  private final KinesisClient kinesis;
  private final CloudWatchClient cloudWatch;
  private final StreamAutoscaler autoscaler;
  private final TaskMetrics metrics;

  private ConnectorAutoscaling(
      AwsClientFactory clients,
      KinesisClient kinesis,
      CloudWatchClient cloudWatch,
      StreamAutoscaler autoscaler,
      TaskMetrics metrics) {
    this.clients = clients;
    this.kinesis = kinesis;
    this.cloudWatch = cloudWatch;
    this.autoscaler = autoscaler;
    this.metrics = metrics;
  }

  /**
   * Starts scaling {@code streamTemplate} (a fixed name or ARN) by {@code policy}, measured by
   * CloudWatch when {@code measureWithCloudWatch} ({@code cloudWatchEndpoint} overriding its
   * endpoint, falling back to the counters when denied), else by the sink tasks' own counters on
   * this worker.
   */
  public static ConnectorAutoscaling start(
      String connector,
      String streamTemplate,
      ScalingPolicy policy,
      Duration interval,
      AwsSettings aws,
      boolean measureWithCloudWatch,
      Optional<URI> cloudWatchEndpoint) {
    StreamRef stream = StreamRef.parse(streamTemplate);
    AwsClientFactory clients = AwsClientFactory.create(aws);
    KinesisClient kinesis = null;
    CloudWatchClient cloudWatch = null;
    try {
      kinesis = clients.kinesis();
      WriteLoadSource load = new OwnWriteLoad(StreamWriteMeter.of(stream.name()));
      if (measureWithCloudWatch) {
        cloudWatch = clients.cloudWatch(cloudWatchEndpoint);
        load = new FallbackLoad(new CloudWatchLoad(cloudWatch, stream.name()), load, stream.name());
      }
      StreamAutoscaler autoscaler =
          new StreamAutoscaler(
              connector,
              stream.name(),
              policy,
              interval,
              new SdkScalingPort(kinesis, stream),
              load,
              Clock.systemUTC());
      TaskMetrics metrics =
          TaskMetrics.register(
              "kinesis-sink-autoscaler",
              connector,
              "connector",
              autoscaler::gauges,
              PluginGauges.NONE);
      autoscaler.start(interval);
      return new ConnectorAutoscaling(clients, kinesis, cloudWatch, autoscaler, metrics);
    } catch (RuntimeException e) {
      if (kinesis != null) {
        kinesis.close();
      }
      if (cloudWatch != null) {
        cloudWatch.close();
      }
      clients.close();
      throw e;
    }
  }

  @Override
  public void close() {
    autoscaler.close();
    metrics.close();
    kinesis.close();
    if (cloudWatch != null) {
      cloudWatch.close();
    }
    clients.close();
  }
}
