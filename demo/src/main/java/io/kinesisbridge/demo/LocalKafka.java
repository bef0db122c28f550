package io.kinesisbridge.demo;

import io.kinesisbridge.testkit.FreePorts;
import org.apache.kafka.common.Uuid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A single-node KRaft Kafka (broker and controller in one process) on localhost. */
final class LocalKafka implements AutoCloseable {

  private final JavaProcess process;
  private final int port;

  private LocalKafka(JavaProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Formats fresh storage under {@code workDir} and starts the server; returns once it listens. */
  static LocalKafka start(Path workDir, Path log4jConfig, int preferredPort) throws Exception {
    int port = FreePorts.isListening(preferredPort) ? FreePorts.next() : preferredPort;
    int controllerPort = FreePorts.next();
    Path properties = workDir.resolve("server.properties");
    Files.createDirectories(workDir);
    Files.writeString(properties, serverProperties(workDir.resolve("data"), port, controllerPort));
    List<String> jvm = List.of("-Xmx1g", "-Dlog4j2.configurationFile=" + log4jConfig);

    JavaProcess format =
        JavaProcess.start(
            "kafka-storage format",
            workDir.resolve("logs/storage-format.log"),
            jvm,
            "kafka.tools.StorageTool",
            List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()));
    format.awaitSuccess(Duration.ofSeconds(60));

    JavaProcess server =
        JavaProcess.start(
            "kafka",
            workDir.resolve("logs/kafka.log"),
            jvm,
            "kafka.Kafka",
            List.of(properties.toString()));
    server.awaitReady(() -> FreePorts.isListening(port), Duration.ofSeconds(90));
    return new LocalKafka(server, port);
  }

  String bootstrapServers() {
    return "localhost:" + port;
  }

  Path log() {
    return process.log();
  }

  private static String serverProperties(Path dataDir, int port, int controllerPort) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@localhost:" + controllerPort,
        "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
        "advertised.listeners=PLAINTEXT://localhost:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dataDir,
        "num.partitions=4",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "");
  }

  @Override
  public void close() {
    process.close();
  }
}
