package io.kinesisbridge.sink.autoscale;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.common.connect.PluginGauges;
import io.kinesisbridge.common.connect.TaskMetrics;
import io.kinesisbridge.common.kinesis.StreamRef;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Clock;
import java.time.Duration;

/**
 * The Kinesis sink connector's autoscaler with what it owns: its AWS clients, its thread and its
 * JMX gauges ({@code kinesis.bridge:type=kinesis-sink-autoscaler,connector=...,task=connector}).
 * Started by the connector (one per connector, whatever {@code tasks.max}) and closed on stop.
 */
public final class ConnectorAutoscaling implements AutoCloseable {

  private final AwsClientFactory clients;
  private final KinesisClient kinesis;
  private final StreamAutoscaler autoscaler;
  private final TaskMetrics metrics;

  private ConnectorAutoscaling(
      AwsClientFactory clients,
      KinesisClient kinesis,
      StreamAutoscaler autoscaler,
      TaskMetrics metrics) {
    this.clients = clients;
    this.kinesis = kinesis;
    this.autoscaler = autoscaler;
    this.metrics = metrics;
  }

  /**
   * Starts scaling {@code streamTemplate} (a fixed name or ARN) by {@code policy}, measured by the
   * sink tasks' own counters on this worker.
   */
  public static ConnectorAutoscaling start(
      String connector,
      String streamTemplate,
      ScalingPolicy policy,
      Duration interval,
      AwsSettings aws) {
    StreamRef stream = StreamRef.parse(streamTemplate);
    AwsClientFactory clients = AwsClientFactory.create(aws);
    KinesisClient kinesis = null;
    try {
      kinesis = clients.kinesis();
      StreamAutoscaler autoscaler =
          new StreamAutoscaler(
              connector,
              stream.name(),
              policy,
              interval,
              new SdkScalingPort(kinesis, stream),
              new OwnWriteLoad(StreamWriteMeter.of(stream.name())),
              Clock.systemUTC());
      TaskMetrics metrics =
          TaskMetrics.register(
              "kinesis-sink-autoscaler",
              connector,
              "connector",
              autoscaler::gauges,
              PluginGauges.NONE);
      autoscaler.start(interval);
      return new ConnectorAutoscaling(clients, kinesis, autoscaler, metrics);
    } catch (RuntimeException e) {
      if (kinesis != null) {
        kinesis.close();
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
    clients.close();
  }
}
