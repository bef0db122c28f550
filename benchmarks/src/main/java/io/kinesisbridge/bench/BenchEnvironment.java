package io.kinesisbridge.bench;

import io.kinesisbridge.testkit.stub.KinesisStubServer;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every run shares: a Kafka broker and one Connect worker in this JVM ({@code
 * EmbeddedConnectCluster}, plugin.path = the unpacked bundle, as the integration tests run it), the
 * pre-loaded topic and the Kinesis stub.
 */
final class BenchEnvironment implements AutoCloseable {

  static final String TOPIC = "bench-records";

  private final KinesisStubServer stub;
  private final EmbeddedConnectCluster connect;

  private BenchEnvironment(KinesisStubServer stub, EmbeddedConnectCluster connect) {
    this.stub = stub;
    this.connect = connect;
  }

  /** Starts the stub and the cluster; the caller closes the environment. */
  static BenchEnvironment start(HarnessOptions options) {
    requireSinkOffClassPath();
    requireUnpackedBundle(options.pluginPath());
    KinesisStubServer stub =
        KinesisStubServer.builder().checkAggregates(options.checkAggregates()).start();
    try {
      StubPreflight.check(stub);
      Map<String, String> worker = new HashMap<>();
      worker.put(WorkerConfig.PLUGIN_PATH_CONFIG, options.pluginPath().toString());
      worker.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "10000");
      worker.putAll(options.workerOverrides());
      EmbeddedConnectCluster connect =
          new EmbeddedConnectCluster.Builder()
              .name("sink-throughput")
              .numWorkers(1)
              .workerProps(worker)
              .build();
      connect.start();
      return new BenchEnvironment(stub, connect);
    } catch (RuntimeException e) {
      stub.close();
      throw e;
    }
  }

  /** Creates the topic and fills it with the records every run drains. */
  void loadTopic(HarnessOptions options) {
    connect.kafka().createTopic(TOPIC, options.partitions());
    long records = Math.max(options.records(), options.warmupRecords());
    TopicLoader.load(
        connect.kafka().bootstrapServers(),
        TOPIC,
        options.partitions(),
        records,
        options.recordBytes());
  }

  KinesisStubServer stub() {
    return stub;
  }

  EmbeddedConnectCluster connect() {
    return connect;
  }

  @Override
  public void close() {
    try {
      connect.stop();
    } finally {
      stub.close();
    }
  }

  /**
   * The sink must come from plugin.path: with a copy on the class path too, Connect could pick
   * either, and the run would not measure the bundle users install.
   */
  private static void requireSinkOffClassPath() {
    String resource = Scenarios.SINK_CLASS.replace('.', '/') + ".class";
    if (ClassLoader.getSystemClassLoader().getResource(resource) != null) {
      throw new IllegalStateException(
          Scenarios.SINK_CLASS
              + " is on the class path; run the harness with the runtime class path of"
              + " benchmarks/ (the Maven profile 'harness'), which leaves the connectors out");
    }
  }

  private static void requireUnpackedBundle(Path path) {
    try (Stream<Path> entries = Files.list(path)) {
      if (entries.noneMatch(p -> Files.isDirectory(p.resolve("lib")))) {
        throw new IllegalStateException("no unpacked bundle (a folder with lib/) in " + path);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read plugin.path " + path + ": " + e, e);
    }
  }
}
