package io.kinesisbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisStreams;
import io.kinesisbridge.testkit.S3Server;
import io.kinesisbridge.testkit.firehose.DeliveryStreamSpec;
import io.kinesisbridge.testkit.firehose.FirehoseEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real bundle in a distributed worker of each supported Kafka line, as users run it: MSK
 * Connect's 3.7, the last 3.x line, 4.0 (before plugin metrics) and the line we build against. Each
 * worker is its own JVM with that release's jars only, all against one broker, with {@code
 * plugin.discovery=service_load} (the strictest mode; the other ITs run the default one): the three
 * plugins load, the shipped configs validate over REST, and each connector, created from its
 * shipped config, moves {@value #RECORDS} records end to end.
 */
class WorkerMatrixIT {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerMatrixIT.class);
  private static final int RECORDS = 1_000;
  private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);
  private static final String BUCKET = "worker-matrix";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> PLUGINS =
      Map.of(
          "io.kinesisbridge.sink.KinesisSinkConnector", "sink",
          "io.kinesisbridge.source.KinesisSourceConnector", "source",
          "io.kinesisbridge.firehose.FirehoseSinkConnector", "sink");

  private static KinesisMock kinesis;
  private static AwsClientFactory clients;
  private static KinesisClient client;
  private static S3Server s3;
  private static S3Client s3Client;
  private static FirehoseEndpoint firehose;
  private static EmbeddedKafkaCluster kafka;

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.start();
    clients = AwsClientFactory.create(AwsSettings.from(kinesis.awsSettings()));
    client = clients.kinesis();
    s3 = S3Server.start();
    s3Client = s3.client();
    s3Client.createBucket(b -> b.bucket(BUCKET));
    firehose = FirehoseEndpoint.builder().s3(s3Client).seed(7).start();
    Properties broker = new Properties();
    broker.put("offsets.topic.replication.factor", "1");
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    kafka = new EmbeddedKafkaCluster(1, broker);
    kafka.start();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.stop();
    }
    if (firehose != null) {
      firehose.close();
    }
    if (s3Client != null) {
      s3Client.close();
      s3.close();
    }
    if (client != null) {
      client.close();
      clients.close();
    }
    if (kinesis != null) {
      kinesis.close();
    }
  }

  static Stream<WorkerRuntime> supportedWorkers() {
    return WorkerRuntime.supported().stream();
  }

  /** The names one worker line uses, so that the lines share a broker and emulators. */
  private record Names(String tag) {
    static Names of(WorkerRuntime runtime) {
      return new Names(runtime.line().replace('.', '-'));
    }

    String topic() {
      return "matrix-" + tag;
    }

    String stream() {
      return "matrix-" + tag;
    }

    /** What the shipped source config's {@code kafka.topic} template makes of the stream. */
    String sourceTopic() {
      return "from-kinesis-" + stream();
    }

    String deliveryStream() {
      return "matrix-delivery-" + tag;
    }

    String group() {
      return "connect-matrix-" + tag;
    }

    /** Connector names differ per line too: a sink's consumer group is named after it. */
    String connector(String shippedName) {
      return shippedName + "-" + tag;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("supportedWorkers")
  void theBundleLoadsValidatesAndMovesRecordsOnEverySupportedWorker(WorkerRuntime runtime) {
    Names names = Names.of(runtime);
    KinesisStreams.createActive(client, names.stream(), 2);
    kafka.createTopic(names.topic(), 2);
    kafka.createTopic(names.sourceTopic(), 2);
    firehose.createDeliveryStream(
        DeliveryStreamSpec.of(names.deliveryStream(), BUCKET)
            .withPrefix(names.deliveryStream() + "/")
            .withBuffering(5, 1));
    Set<String> values = produce(names.topic());

    try (ConnectWorkerProcess worker =
        ConnectWorkerProcess.start(
            runtime,
            "matrix-" + names.tag(),
            kafka.bootstrapServers(),
            names.group(),
            Map.of("plugin.discovery", "service_load"))) {
      worker.waitUntilRestReady();
      assertThePluginsLoaded(worker);
      Map<String, Map<String, String>> configs = shippedConfigs(names);
      configs.forEach((file, config) -> assertValid(worker, file, config));

      configs.values().forEach(config -> worker.putConnectorConfig(config.get("name"), config));
      List<String> inKinesis = awaitKinesisPayloads(names.stream(), runtime);
      assertThat(new HashSet<>(inKinesis))
          .as("user records in the Kinesis stream, written by the Kinesis sink on %s", runtime)
          .isEqualTo(values);

      // The source copies the stream as it is, a copy the sink may have written included.
      kafka.consume(inKinesis.size(), DELIVERY_TIMEOUT.toMillis(), names.sourceTopic());
      List<String> copied =
          consumeAll(names.sourceTopic()).stream()
              .map(r -> new String(r.value(), StandardCharsets.UTF_8))
              .toList();
      assertThat(copied)
          .as("records the Kinesis source copied back into Kafka on %s", runtime)
          .containsExactlyInAnyOrderElementsOf(kinesisPayloads(names.stream()));

      List<String> lines = awaitFirehoseLines(names.deliveryStream());
      assertThat(new HashSet<>(lines))
          .as("lines the Firehose sink delivered to S3 on %s", runtime)
          .isEqualTo(values);
      LOG.info(
          "{}: Kinesis sink {} user records, source {} Kafka records, Firehose sink {} lines,"
              + " for {} records",
          runtime,
          inKinesis.size(),
          copied.size(),
          lines.size(),
          RECORDS);

      configs.values().forEach(config -> assertRunning(worker, config.get("name")));
      assertLogSaysWhatDegraded(runtime, worker.log());
    }
  }

  private static Set<String> produce(String topic) {
    List<ProducerRecord<String, String>> records = new ArrayList<>(RECORDS);
    Set<String> values = new HashSet<>();
    for (int i = 0; i < RECORDS; i++) {
      String value = "matrix-" + topic + "-" + i;
      values.add(value);
      records.add(new ProducerRecord<>(topic, "k" + (i % 50), value));
    }
    TestProducer.send(kafka.bootstrapServers(), records);
    return values;
  }

  private static void assertThePluginsLoaded(ConnectWorkerProcess worker) {
    Map<String, JsonNode> byClass = new HashMap<>();
    worker.getJson("/connector-plugins").forEach(p -> byClass.put(p.path("class").asText(), p));
    PLUGINS.forEach(
        (plugin, type) -> {
          assertThat(byClass).as("plugins listed by the worker").containsKey(plugin);
          assertThat(byClass.get(plugin).path("type").asText()).isEqualTo(type);
          assertThat(byClass.get(plugin).path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        });
  }

  private static void assertValid(
      ConnectWorkerProcess worker, String file, Map<String, String> config) {
    JsonNode result = worker.validate(config);
    Map<String, List<String>> errors = new TreeMap<>();
    result
        .path("configs")
        .forEach(
            c -> {
              List<String> messages = new ArrayList<>();
              c.path("value").path("errors").forEach(e -> messages.add(e.asText()));
              if (!messages.isEmpty()) {
                errors.put(c.path("value").path("name").asText(), messages);
              }
            });
    assertThat(errors).as("validate errors of the shipped %s", file).isEmpty();
    assertThat(result.path("error_count").asInt()).isZero();
  }

  /**
   * The connector configs shipped in the bundle's {@code etc/}, read from the unpacked plugin path,
   * pointed at this test's emulators and names; every other setting stays as shipped.
   */
  private static Map<String, Map<String, String>> shippedConfigs(Names names) {
    Map<String, Map<String, String>> configs = new TreeMap<>();
    for (String file : List.of("kinesis-sink.json", "kinesis-source.json", "firehose-sink.json")) {
      Map<String, String> config = readShipped(file);
      boolean toFirehose = file.startsWith("firehose");
      config.putAll(toFirehose ? firehose.awsSettings() : kinesis.awsSettings());
      config.put("name", names.connector(file.replace(".json", "")));
      if (config.containsKey("topics")) {
        config.put("topics", names.topic());
      }
      if (toFirehose) {
        config.put("firehose.delivery.stream", names.deliveryStream());
      } else {
        config.put("kinesis.stream.name", names.stream());
      }
      configs.put(file, config);
    }
    return configs;
  }

  private static Map<String, String> readShipped(String file) {
    try (Stream<Path> paths = Files.walk(BundleConnectCluster.pluginPath())) {
      Path path =
          paths
              .filter(p -> p.getFileName().toString().equals(file))
              .filter(p -> p.getParent().getFileName().toString().equals("etc"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("the bundle ships no etc/" + file));
      JsonNode config = JSON.readTree(path.toFile()).path("config");
      Map<String, String> map = new HashMap<>();
      config.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The payloads of the user records in {@code stream} once all {@value #RECORDS} are there. The
   * sinks are at-least-once: a rebalance while a second task joins may send a record twice, so
   * copies are counted and logged (for the figures), not failed.
   */
  private static List<String> awaitKinesisPayloads(String stream, WorkerRuntime runtime) {
    Instant deadline = Instant.now().plus(DELIVERY_TIMEOUT);
    List<String> payloads = List.of();
    while (Instant.now().isBefore(deadline)) {
      payloads = kinesisPayloads(stream);
      if (new HashSet<>(payloads).size() >= RECORDS) {
        return payloads;
      }
      sleep(Duration.ofSeconds(1));
    }
    return payloads;
  }

  /** The payload of every user record in {@code stream}, aggregates unpacked as KCL does. */
  private static List<String> kinesisPayloads(String stream) {
    return new KinesisReader(client)
        .readAllDeaggregated(stream).userRecords().stream()
            .map(r -> new String(r.data(), StandardCharsets.UTF_8))
            .toList();
  }

  private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic) {
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    try {
      kafka.consumeAll(DELIVERY_TIMEOUT.toMillis(), topic).records(topic).forEach(all::add);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted reading " + topic, e);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      throw new AssertionError("could not read " + topic + " to its end", e);
    }
    return all;
  }

  private static List<String> awaitFirehoseLines(String deliveryStream) {
    Instant deadline = Instant.now().plus(DELIVERY_TIMEOUT);
    List<String> lines = List.of();
    while (Instant.now().isBefore(deadline)) {
      firehose.flushAll();
      lines = linesInS3(deliveryStream);
      if (lines.size() >= RECORDS) {
        return lines;
      }
      sleep(Duration.ofSeconds(1));
    }
    return lines;
  }

  private static List<String> linesInS3(String deliveryStream) {
    List<String> lines = new ArrayList<>();
    s3Client
        .listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(deliveryStream + "/"))
        .contents()
        .forEach(
            object -> {
              String body =
                  s3Client.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key())).asUtf8String();
              for (String line : body.split("\n")) {
                if (!line.isEmpty()) {
                  lines.add(line);
                }
              }
            });
    return lines;
  }

  private static void assertRunning(ConnectWorkerProcess worker, String connector) {
    JsonNode status = worker.connectorStatus(connector);
    assertThat(status).as("status of %s", connector).isNotNull();
    assertThat(status.path("connector").path("state").asText()).isEqualTo("RUNNING");
    assertThat(status.path("tasks").size()).as("tasks of %s", connector).isPositive();
    status
        .path("tasks")
        .forEach(
            task ->
                assertThat(task.path("state").asText())
                    .as("task %s of %s: %s", task.path("id"), connector, task.path("trace"))
                    .isEqualTo("RUNNING"));
  }

  /**
   * Plugin metrics arrived in Kafka 4.1: older workers run every task and say once that metrics go
   * to JMX only; newer workers say nothing of the kind. No line of ours is an ERROR.
   */
  private static void assertLogSaysWhatDegraded(WorkerRuntime runtime, Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long noPluginMetrics = lines.stream().filter(l -> l.contains("has no plugin metrics")).count();
    assertThat(noPluginMetrics)
        .as("INFO lines about missing plugin metrics on %s", runtime)
        .isEqualTo(runtime.hasPluginMetrics() ? 0 : 1);
    assertThat(lines)
        .as("errors logged by kinesis-bridge classes on %s", runtime)
        .noneMatch(l -> l.contains(" ERROR ") && l.contains("io.kinesisbridge"));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
