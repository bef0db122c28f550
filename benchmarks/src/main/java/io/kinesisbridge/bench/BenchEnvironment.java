package io.kinesisbridge.bench;

import io.kinesisbridge.testkit.stub.KinesisStubServer;
import io.kinesisbridge.testkit.stub.RoundTrip;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every run shares: a Kafka broker and one Connect worker in this JVM ({@code
 * EmbeddedConnectCluster}, plugin.path = the unpacked bundle, as the integration tests run it), the
 * pre-loaded topic, the Kinesis stub and, when a Firehose scenario runs, the Firehose endpoint with
 * its S3 server.
 */
final class BenchEnvironment implements AutoCloseable {

  static final String TOPIC = "bench-records";

  private final KinesisStubServer stub;
  private final KinesisDestination kinesis;
  private final FirehoseDestination firehose;
  private final EmbeddedConnectCluster connect;

  private BenchEnvironment(
      KinesisStubServer stub,
      int shards,
      FirehoseDestination firehose,
      EmbeddedConnectCluster connect) {
    this.stub = stub;
    this.kinesis = new KinesisDestination(stub, shards);
    this.firehose = firehose;
    this.connect = connect;
  }

  /** Starts the stub and the cluster; the caller closes the environment. */
  static BenchEnvironment start(HarnessOptions options) {
    requireSinkOffClassPath();
    requireUnpackedBundle(options.pluginPath());
    KinesisStubServer stub =
        KinesisStubServer.builder()
            .checkAggregates(options.checkAggregates())
            .shardLimits(options.shardLimits())
            .start();
    FirehoseDestination firehose = null;
    try {
      StubPreflight.check(stub);
      if (options.scenarios().stream().anyMatch(Scenarios::isFirehose)) {
        firehose = FirehoseDestination.start(options.recordBytes());
      }
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
      return new BenchEnvironment(stub, options.shards(), firehose, connect);
    } catch (RuntimeException e) {
      stub.close();
      if (firehose != null) {
        firehose.close();
      }
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
        options.recordBytes(),
        options.keys(),
        options.hotKeyShare());
  }

  /** Sets the Kinesis stub's round trip for the runs that follow. */
  void roundTrip(int rttMillis, int jitterMillis) {
    stub.roundTrip(RoundTrip.ofMillis(rttMillis, jitterMillis));
  }

  /** Where {@code scenario} writes: the Kinesis stub or the Firehose endpoint. */
  Destination destination(String scenario) {
    if (!Scenarios.isFirehose(scenario)) {
      return kinesis;
    }
    if (firehose == null) {
      throw new IllegalStateException("the Firehose endpoint was not started for " + scenario);
    }
    return firehose;
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
      if (firehose != null) {
        firehose.close();
      }
    }
  }

  /**
   * The sink must come from plugin.path: with a copy on the class path too, Connect could pick
   * either, and the run would not measure the bundle users install.
   */
  private static void requireSinkOffClassPath() {
    for (String sink : List.of(Scenarios.SINK_CLASS, Scenarios.FIREHOSE_SINK_CLASS)) {
      requireOffClassPath(sink);
    }
  }

  static void requireOffClassPath(String sinkClass) {
    String resource = sinkClass.replace('.', '/') + ".class";
    if (ClassLoader.getSystemClassLoader().getResource(resource) != null) {
      throw new IllegalStateException(
          sinkClass
              + " is on the class path; run the harness with the runtime class path of"
              + " benchmarks/ (the Maven profile 'harness'), which leaves the connectors out");
    }
  }

  static void requireUnpackedBundle(Path path) {
    try (Stream<Path> entries = Files.list(path)) {
      if (entries.noneMatch(p -> Files.isDirectory(p.resolve("lib")))) {
        throw new IllegalStateException("no unpacked bundle (a folder with lib/) in " + path);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read plugin.path " + path + ": " + e, e);
    }
  }
}
