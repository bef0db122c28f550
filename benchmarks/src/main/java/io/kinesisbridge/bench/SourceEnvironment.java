package io.kinesisbridge.bench;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.util.HashMap;
import java.util.Map;

/**
 * What the source runs share: kinesis-mock (the Node emulator, started and killed here), a Kinesis
 * client for writing into it, and a Kafka broker with one Connect worker in this JVM whose
 * plugin.path is the unpacked bundle, as {@link BenchEnvironment} sets it up for the sinks.
 */
final class SourceEnvironment implements AutoCloseable {

  static final String SOURCE_CLASS = "io.kinesisbridge.source.KinesisSourceConnector";

  private final KinesisMock kinesis;
  private final AwsClientFactory clients;
  private final KinesisClient client;
  private final EmbeddedConnectCluster connect;

  private SourceEnvironment(
      KinesisMock kinesis, AwsClientFactory clients, EmbeddedConnectCluster connect) {
    this.kinesis = kinesis;
    this.clients = clients;
    this.client = clients.kinesis(); // the factory builds a new client on every call: keep one
    this.connect = connect;
  }

  /** Starts kinesis-mock and the cluster; the caller closes the environment. */
  static SourceEnvironment start(SourceOptions options) {
    // The source must come from plugin.path, or the run would not measure the bundle users install.
    BenchEnvironment.requireOffClassPath(SOURCE_CLASS);
    BenchEnvironment.requireUnpackedBundle(options.pluginPath());
    KinesisMock kinesis = KinesisMock.start();
    AwsClientFactory clients = null;
    try {
      clients = AwsClientFactory.create(AwsSettings.from(kinesis.awsSettings()));
      Map<String, String> worker = new HashMap<>();
      worker.put(WorkerConfig.PLUGIN_PATH_CONFIG, options.pluginPath().toString());
      EmbeddedConnectCluster connect =
          new EmbeddedConnectCluster.Builder()
              .name("source-lag")
              .numWorkers(1)
              .workerProps(worker)
              .build();
      connect.start();
      return new SourceEnvironment(kinesis, clients, connect);
    } catch (RuntimeException e) {
      if (clients != null) {
        clients.close();
      }
      kinesis.close();
      throw e;
    }
  }

  KinesisClient kinesisClient() {
    return client;
  }

  /** The factory behind the harness's own clients. */
  AwsClientFactory clients() {
    return clients;
  }

  /** The connector's aws.* settings that reach kinesis-mock. */
  Map<String, String> awsSettings() {
    return kinesis.awsSettings();
  }

  EmbeddedConnectCluster connect() {
    return connect;
  }

  @Override
  public void close() {
    try {
      connect.stop();
    } finally {
      try {
        client.close();
        clients.close();
      } finally {
        kinesis.close();
      }
    }
  }
}
