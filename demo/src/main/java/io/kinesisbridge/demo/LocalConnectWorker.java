package io.kinesisbridge.demo;

import io.kinesisbridge.testkit.FreePorts;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A Kafka Connect worker in distributed mode, with its REST API on localhost. */
final class LocalConnectWorker implements AutoCloseable {

  private final JavaProcess process;
  private final ConnectRest rest;

  private LocalConnectWorker(JavaProcess process, ConnectRest rest) {
    this.process = process;
    this.rest = rest;
  }

  /** Starts the worker with {@code pluginPath}; returns once its REST API answers. */
  static LocalConnectWorker start(
      Path workDir, Path log4jConfig, String bootstrapServers, Path pluginPath, int preferredPort)
      throws Exception {
    int port = FreePorts.isListening(preferredPort) ? FreePorts.next() : preferredPort;
    Path properties = workDir.resolve("worker.properties");
    Files.createDirectories(workDir);
    Files.writeString(properties, workerProperties(bootstrapServers, pluginPath, port));
    JavaProcess process =
        JavaProcess.start(
            "connect",
            workDir.resolve("logs/connect.log"),
            List.of("-Xmx1g", "-Dlog4j2.configurationFile=" + log4jConfig),
            "org.apache.kafka.connect.cli.ConnectDistributed",
            List.of(properties.toString()));
    ConnectRest rest = new ConnectRest(URI.create("http://localhost:" + port));
    process.awaitReady(rest::isReady, Duration.ofSeconds(120));
    return new LocalConnectWorker(process, rest);
  }

  ConnectRest rest() {
    return rest;
  }

  Path log() {
    return process.log();
  }

  private static String workerProperties(String bootstrapServers, Path pluginPath, int port) {
    return String.join(
        "\n",
        "bootstrap.servers=" + bootstrapServers,
        "group.id=kinesis-bridge-demo",
        "listeners=http://localhost:" + port,
        "plugin.path=" + pluginPath,
        "key.converter=org.apache.kafka.connect.storage.StringConverter",
        "value.converter=org.apache.kafka.connect.json.JsonConverter",
        "value.converter.schemas.enable=false",
        "config.storage.topic=demo-connect-configs",
        "offset.storage.topic=demo-connect-offsets",
        "status.storage.topic=demo-connect-status",
        "config.storage.replication.factor=1",
        "offset.storage.replication.factor=1",
        "status.storage.replication.factor=1",
        "offset.flush.interval.ms=5000",
        "");
  }

  @Override
  public void close() {
    process.close();
  }
}
