package io.kinesisbridge.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.S3Server;
import io.kinesisbridge.testkit.firehose.DeliveryStreamSpec;
import io.kinesisbridge.testkit.firehose.FirehoseEndpoint;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The demo: everything on localhost, real processes, the bundle installed as a user installs it.
 *
 * <p>Starts kinesis-mock and an S3 server, a KRaft Kafka broker and a distributed Connect worker,
 * installs the bundle into the worker's plugin.path, checks over REST that the three connectors
 * load and that the shipped {@code config/*.json} validate, produces sample records and reads them
 * back. Then it keeps running until Ctrl-C, or with {@code --once} exits 0 only if every check
 * passed.
 */
public final class Demo {

  static final String STREAM = "demo-stream";
  static final String BUCKET = "demo-bucket";
  static final String TOPIC = "demo-events";
  static final String DELIVERY_STREAM = "demo-delivery";
  static final int SAMPLE_RECORDS = 1_000;

  private static final List<String> CONNECTORS =
      List.of(
          "io.kinesisbridge.sink.KinesisSinkConnector",
          "io.kinesisbridge.source.KinesisSourceConnector",
          "io.kinesisbridge.firehose.FirehoseSinkConnector");

  private final DemoSettings settings;
  private final Console console;
  private final List<AutoCloseable> running = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  private Demo(DemoSettings settings, Console console) {
    this.settings = settings;
    this.console = console;
  }

  /** Entry point: {@code [--once]}. */
  public static void main(String[] args) throws Exception {
    DemoSettings settings = DemoSettings.fromArgs(args);
    Demo demo = new Demo(settings, new Console());
    Runtime.getRuntime().addShutdownHook(new Thread(demo::stopAll, "demo-shutdown"));
    int exit;
    try {
      exit = demo.run();
    } catch (Exception e) {
      demo.console.fail("demo stopped: " + e.getMessage());
      exit = 1;
    }
    if (settings.once() || exit != 0) {
      demo.stopAll();
      System.exit(exit);
    }
    new CountDownLatch(1).await();
  }

  private int run() throws Exception {
    console.title("kinesis-bridge " + io.kinesisbridge.common.Version.current() + " demo");
    resetWorkDir();

    Path plugin = BundleInstaller.install(settings.bundle(), settings.pluginPath());
    console.step("bundle", "installed " + settings.bundle().getFileName() + " into " + plugin);

    KinesisMock kinesis = keep(KinesisMock.start());
    console.step(
        "kinesis-mock", kinesis.plainEndpoint() + " (HTTPS/HTTP2 " + kinesis.tlsEndpoint() + ")");
    S3Server s3 = keep(S3Server.start());
    console.step("S3 server", s3.endpoint().toString());
    DemoAws aws = keep(new DemoAws(kinesis, s3));
    console.detail(aws.createStream(STREAM, 2));
    console.detail(aws.createBucket(BUCKET));
    S3Client s3Client = keep(s3.client());
    FirehoseEndpoint firehose = keep(FirehoseEndpoint.builder().s3(s3Client).start());
    // Firehose flushes a buffer after 1 MB or 1 s here, so the demo sees objects quickly.
    firehose.createDeliveryStream(
        DeliveryStreamSpec.of(DELIVERY_STREAM, BUCKET).withBuffering(1, 1));
    console.step(
        "Firehose test endpoint",
        firehose.endpoint()
            + " (a test fixture) delivering "
            + DELIVERY_STREAM
            + " into s3://"
            + BUCKET);

    LocalKafka kafka =
        keep(LocalKafka.start(settings.workDir().resolve("kafka"), settings.log4jConfig(), 9092));
    console.step("Kafka (KRaft)", kafka.bootstrapServers() + "  log: " + kafka.log());

    LocalConnectWorker connect =
        keep(
            LocalConnectWorker.start(
                settings.workDir().resolve("connect"),
                settings.log4jConfig(),
                kafka.bootstrapServers(),
                settings.pluginPath(),
                8083));
    console.step("Connect (distributed)", connect.rest().base() + "  log: " + connect.log());

    checkPlugins(connect.rest());
    validateConfigs(connect.rest(), kinesis, firehose);
    checkSampleRecords(kafka);
    runKinesisSink(connect.rest(), kinesis, aws);
    runFirehoseSink(connect.rest(), firehose, s3Client);
    runKinesisSource(connect.rest(), kinesis, kafka);
    runAutoscaling(connect.rest(), kinesis, aws, kafka);

    if (failures.isEmpty()) {
      console.ok("all checks passed");
    } else {
      failures.forEach(console::fail);
    }
    console.detail("explore: curl " + connect.rest().base() + "/connector-plugins");
    console.detail(
        "config:  "
            + settings.configDir()
            + "/*.json (edit and PUT them to /connectors/<name>/config)");
    if (!settings.once()) {
      console.detail("running; press Ctrl-C to stop");
    }
    return failures.isEmpty() ? 0 : 1;
  }

  private void checkPlugins(ConnectRest rest) throws IOException {
    Map<String, ConnectRest.Plugin> plugins = new LinkedHashMap<>();
    rest.connectorPlugins().forEach(p -> plugins.put(p.className(), p));
    for (String connector : CONNECTORS) {
      ConnectRest.Plugin plugin = plugins.get(connector);
      if (plugin == null) {
        failures.add("plugin not loaded: " + connector);
      } else {
        console.detail(
            "plugin " + plugin.type() + " " + plugin.className() + " " + plugin.version());
      }
    }
  }

  private void validateConfigs(ConnectRest rest, KinesisMock kinesis, FirehoseEndpoint firehose)
      throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(settings.configDir())) {
      files =
          list.filter(p -> p.toString().endsWith(".json"))
              .sorted(Comparator.naturalOrder())
              .toList();
    }
    ObjectMapper json = new ObjectMapper();
    for (Path file : files) {
      Map<String, String> config = connectorConfig(file);
      config.put("name", json.readTree(file.toFile()).path("name").asText());
      // The shipped files point at fixed ports; the demo's emulators run on free ones.
      boolean toFirehose = config.get("connector.class").contains(".firehose.");
      config.put(
          "aws.endpoint.url",
          (toFirehose ? firehose.endpoint() : kinesis.plainEndpoint()).toString());
      Map<String, List<String>> errors = rest.validate(config.get("connector.class"), config);
      if (errors.isEmpty()) {
        console.detail("validate " + file.getFileName() + ": no errors");
      } else {
        failures.add("validate " + file.getFileName() + ": " + errors);
      }
    }
  }

  private void checkSampleRecords(LocalKafka kafka) throws Exception {
    SampleRecords.createTopic(kafka.bootstrapServers(), TOPIC, 4);
    SampleRecords.produce(kafka.bootstrapServers(), TOPIC, SAMPLE_RECORDS);
    int read =
        SampleRecords.countFromStart(
            kafka.bootstrapServers(), TOPIC, SAMPLE_RECORDS, Duration.ofSeconds(60));
    String line =
        "topic " + TOPIC + ": " + SAMPLE_RECORDS + " records produced, " + read + " read back";
    if (read >= SAMPLE_RECORDS) {
      console.step("sample data", line);
    } else {
      failures.add(line);
    }
  }

  private void runKinesisSink(ConnectRest rest, KinesisMock kinesis, DemoAws aws) throws Exception {
    Map<String, String> config = connectorConfig(settings.configDir().resolve("kinesis-sink.json"));
    config.put("aws.endpoint.url", kinesis.plainEndpoint().toString());
    config.put("kinesis.aggregation.enabled", "true");
    KinesisSinkFlow flow = new KinesisSinkFlow(rest, aws.kinesis(), console);
    if (!flow.run("kinesis-sink", config, STREAM, SAMPLE_RECORDS, Duration.ofMinutes(2))) {
      failures.add("the Kinesis sink did not deliver all " + SAMPLE_RECORDS + " records");
    }
  }

  /** A burst into a one-shard stream that the sink's autoscaler scales out. */
  private void runAutoscaling(ConnectRest rest, KinesisMock kinesis, DemoAws aws, LocalKafka kafka)
      throws Exception {
    Map<String, String> config = connectorConfig(settings.configDir().resolve("kinesis-sink.json"));
    config.put("aws.endpoint.url", kinesis.plainEndpoint().toString());
    console.detail(aws.createStream(AutoscaleFlow.STREAM, 1));
    AutoscaleFlow flow = new AutoscaleFlow(rest, aws.kinesis(), console);
    if (!flow.run(kafka.bootstrapServers(), AutoscaleFlow.config(config), Duration.ofMinutes(2))) {
      failures.add("the autoscaler did not scale stream " + AutoscaleFlow.STREAM + " out");
    }
  }

  private void runFirehoseSink(ConnectRest rest, FirehoseEndpoint firehose, S3Client s3Client)
      throws Exception {
    Map<String, String> config =
        connectorConfig(settings.configDir().resolve("firehose-sink.json"));
    config.put("aws.endpoint.url", firehose.endpoint().toString());
    FirehoseSinkFlow flow = new FirehoseSinkFlow(rest, firehose, s3Client, console);
    if (!flow.run("firehose-sink", config, BUCKET, SAMPLE_RECORDS, Duration.ofMinutes(2))) {
      failures.add("the Firehose sink did not deliver all " + SAMPLE_RECORDS + " records to S3");
    }
  }

  /**
   * Reads back what the Kinesis sink wrote: Kinesis -> Kafka, aggregates split again, once by
   * polling ({@code config/kinesis-source.json}) and once by enhanced fan-out ({@code
   * config/kinesis-source-efo.json}, over HTTP/2 cleartext to kinesis-mock).
   */
  private void runKinesisSource(ConnectRest rest, KinesisMock kinesis, LocalKafka kafka)
      throws Exception {
    readBack(rest, kinesis, kafka, "kinesis-source", "Kinesis source (polling)");
    readBack(rest, kinesis, kafka, "kinesis-source-efo", "Kinesis source (enhanced fan-out)");
  }

  private void readBack(
      ConnectRest rest, KinesisMock kinesis, LocalKafka kafka, String name, String title)
      throws Exception {
    Map<String, String> config = connectorConfig(settings.configDir().resolve(name + ".json"));
    config.put("aws.endpoint.url", kinesis.plainEndpoint().toString());
    String topic = config.get("kafka.topic").replace("${stream}", STREAM);
    rest.createConnector(name, config);
    console.step(
        title, "connector '" + name + "' created: stream " + STREAM + " -> topic " + topic);
    int read =
        SampleRecords.countFromStart(
            kafka.bootstrapServers(), topic, SAMPLE_RECORDS, Duration.ofMinutes(2));
    console.detail(
        String.format(
            "%,d of %,d records read back into Kafka topic %s", read, SAMPLE_RECORDS, topic));
    console.detail("connector state: " + rest.connectorState(name));
    if (read < SAMPLE_RECORDS) {
      failures.add(title + " read back " + read + " of " + SAMPLE_RECORDS + " records");
    }
  }

  private static Map<String, String> connectorConfig(Path file) throws IOException {
    Map<String, String> config = new LinkedHashMap<>();
    new ObjectMapper()
        .readTree(file.toFile())
        .path("config")
        .properties()
        .forEach(e -> config.put(e.getKey(), e.getValue().asText()));
    return config;
  }

  private <T extends AutoCloseable> T keep(T resource) {
    synchronized (running) {
      running.add(resource);
    }
    return resource;
  }

  private void stopAll() {
    List<AutoCloseable> toStop;
    synchronized (running) {
      toStop = new ArrayList<>(running);
      running.clear();
    }
    java.util.Collections.reverse(toStop);
    for (AutoCloseable resource : toStop) {
      try {
        resource.close();
      } catch (Exception e) {
        console.fail("while stopping: " + e.getMessage());
      }
    }
  }

  private void resetWorkDir() throws IOException {
    Path dir = settings.workDir();
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }
}
