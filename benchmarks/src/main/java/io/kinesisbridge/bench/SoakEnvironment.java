package io.kinesisbridge.bench;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.util.HashMap;
import java.util.Map;

/**
 * What the soak runs on: kinesis-mock (a Node child process, not in this JVM), testkit's Firehose
 * endpoint with its in-memory S3 server, and a Kafka broker with ONE Connect worker in this JVM
 * ({@code EmbeddedConnectCluster}, plugin.path = the unpacked bundle), plus an admin client for
 * consumer group lag. The heap, threads and file descriptors the soak samples are therefore the
 * worker's plus the broker's plus these fixtures' and the harness's own.
 */
final class SoakEnvironment implements AutoCloseable {

  static final String INPUT_TOPIC = "soak-records";
  static final String SOURCE_TOPIC = "soak-from-kinesis";
  static final String STREAM = "soak-stream";
  static final String DELIVERY_STREAM = "soak-firehose";

  private final KinesisMock kinesisMock;
  private final AwsClientFactory clients;
  private final KinesisClient kinesis;
  private final FirehoseDestination firehose;
  private final EmbeddedConnectCluster connect;
  private final Admin admin;

  private SoakEnvironment(
      KinesisMock kinesisMock,
      AwsClientFactory clients,
      FirehoseDestination firehose,
      EmbeddedConnectCluster connect) {
    this.kinesisMock = kinesisMock;
    this.clients = clients;
    this.kinesis = clients.kinesis(); // the factory builds a new client on every call: keep one
    this.firehose = firehose;
    this.connect = connect;
    this.admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers()));
  }

  /** Starts everything; the caller closes the environment. */
  static SoakEnvironment start(SoakOptions options) {
    for (String connector :
        new String[] {
          Scenarios.SINK_CLASS, Scenarios.FIREHOSE_SINK_CLASS, SourceEnvironment.SOURCE_CLASS
        }) {
      BenchEnvironment.requireOffClassPath(connector);
    }
    BenchEnvironment.requireUnpackedBundle(options.pluginPath());
    KinesisMock kinesisMock = KinesisMock.start();
    AwsClientFactory clients = null;
    FirehoseDestination firehose = null;
    try {
      clients = AwsClientFactory.create(AwsSettings.from(kinesisMock.awsSettings()));
      firehose = FirehoseDestination.start(options.recordBytes());
      Map<String, String> worker = new HashMap<>();
      worker.put(WorkerConfig.PLUGIN_PATH_CONFIG, options.pluginPath().toString());
      // Sink group lag is read from committed offsets: commit every 10 s, not Connect's 60 s.
      worker.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "10000");
      EmbeddedConnectCluster connect =
          new EmbeddedConnectCluster.Builder()
              .name("soak")
              .numWorkers(1)
              .workerProps(worker)
              .build();
      connect.start();
      return new SoakEnvironment(kinesisMock, clients, firehose, connect);
    } catch (RuntimeException e) {
      if (firehose != null) {
        firehose.close();
      }
      if (clients != null) {
        clients.close();
      }
      kinesisMock.close();
      throw e;
    }
  }

  /** Creates the input topic, the Kinesis stream, the source's topic and the delivery stream. */
  void createDestinations(SoakOptions options) {
    connect.kafka().createTopic(INPUT_TOPIC, options.partitions());
    connect.kafka().createTopic(SOURCE_TOPIC, options.shards());
    KinesisStreams.createActive(kinesis, STREAM, options.shards());
    firehose.createStream(DELIVERY_STREAM);
  }

  /** The aws.* settings that reach kinesis-mock. */
  Map<String, String> kinesisSettings() {
    return kinesisMock.awsSettings();
  }

  FirehoseDestination firehose() {
    return firehose;
  }

  EmbeddedConnectCluster connect() {
    return connect;
  }

  Admin admin() {
    return admin;
  }

  /** kinesis-mock's process, to sample its memory next to this JVM's. */
  long kinesisMockPid() {
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().command().map(c -> c.endsWith("node")).orElse(false))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElse(-1);
  }

  @Override
  public void close() {
    try {
      admin.close();
      connect.stop();
    } finally {
      try {
        kinesis.close();
        clients.close();
        firehose.close();
      } finally {
        kinesisMock.close();
      }
    }
  }
}
