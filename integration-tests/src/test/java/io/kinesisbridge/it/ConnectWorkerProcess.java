package io.kinesisbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kinesisbridge.testkit.FreePorts;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real distributed Connect worker in its own JVM, so that a test can kill it with SIGKILL: no
 * shutdown hook, no final offset commit, no transaction abort, as when a machine dies.
 *
 * <p>The JVM gets the test's class path minus our own modules: the connectors reach the worker only
 * through {@code plugin.path}, from the unpacked bundle, as in production.
 */
final class ConnectWorkerProcess implements AutoCloseable {

  private static final String MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectDistributed";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOG_PATTERN = "[%d] %p %m (%c)%n";

  private final String name;
  private final Path log;
  private final URI rest;
  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();

  private ConnectWorkerProcess(String name, Path log, URI rest, Process process) {
    this.name = name;
    this.log = log;
    this.rest = rest;
    this.process = process;
  }

  /**
   * Launches a worker of group {@code groupId} on {@code bootstrapServers}; workers launched with
   * the same group id share their config, offset and status topics, i.e. form one Connect cluster.
   */
  /**
   * Worker settings under which a departed worker's tasks move on within seconds: the broker's
   * minimum session (the survivors wait this long for a dead worker to be evicted) and no scheduled
   * rebalance delay (Connect's default holds a departed worker's tasks back for 5 minutes in the
   * hope that it returns).
   */
  static Map<String, String> quickFailover() {
    return Map.of(
        "session.timeout.ms", "6000",
        "heartbeat.interval.ms", "2000",
        "scheduled.rebalance.max.delay.ms", "0");
  }

  static ConnectWorkerProcess start(
      String name, String bootstrapServers, String groupId, Map<String, String> overrides) {
    return start(WorkerRuntime.current(), name, bootstrapServers, groupId, overrides);
  }

  /** As above, with extra JVM options such as {@code -Djavax.net.ssl.trustStore=...}. */
  static ConnectWorkerProcess start(
      String name,
      String bootstrapServers,
      String groupId,
      Map<String, String> overrides,
      List<String> jvmOptions) {
    return start(WorkerRuntime.current(), name, bootstrapServers, groupId, overrides, jvmOptions);
  }

  /** Launches a worker of the Kafka release {@code runtime}; otherwise as above. */
  static ConnectWorkerProcess start(
      WorkerRuntime runtime,
      String name,
      String bootstrapServers,
      String groupId,
      Map<String, String> overrides) {
    return start(runtime, name, bootstrapServers, groupId, overrides, List.of());
  }

  private static ConnectWorkerProcess start(
      WorkerRuntime runtime,
      String name,
      String bootstrapServers,
      String groupId,
      Map<String, String> overrides,
      List<String> jvmOptions) {
    Path dir = workDir();
    int port = FreePorts.next();
    Map<String, String> worker = new HashMap<>();
    worker.put("bootstrap.servers", bootstrapServers);
    worker.put("group.id", groupId);
    worker.put("config.storage.topic", groupId + "-configs");
    worker.put("offset.storage.topic", groupId + "-offsets");
    worker.put("status.storage.topic", groupId + "-status");
    worker.put("config.storage.replication.factor", "1");
    worker.put("offset.storage.replication.factor", "1");
    worker.put("status.storage.replication.factor", "1");
    worker.put("offset.storage.partitions", "5");
    worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    worker.put("plugin.path", BundleConnectCluster.pluginPath().toString());
    worker.put("listeners", "http://127.0.0.1:" + port);
    worker.put("rest.advertised.host.name", "127.0.0.1");
    worker.put("rest.advertised.port", Integer.toString(port));
    worker.put("offset.flush.interval.ms", "2000");
    worker.putAll(overrides);

    Path properties = dir.resolve(name + ".properties");
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add(logConfigOption(runtime.logging(), dir));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", runtime.classPath(), MAIN_CLASS, properties.toString()));
    try {
      Files.writeString(properties, toProperties(worker));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(Redirect.to(log.toFile()))
              .start();
      return new ConnectWorkerProcess(name, log, URI.create("http://127.0.0.1:" + port), process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch worker " + name, e);
    }
  }

  /**
   * The test JVM's class path without our modules' jars and class folders. Failsafe forks with a
   * manifest-only jar but sets {@code java.class.path} to the real class path for such tools.
   */
  static String workerClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .filter(Predicate.not(ConnectWorkerProcess::isOurs))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Our artifacts, from the reactor (target/classes, target/*.jar) or the local repository. */
  private static boolean isOurs(String entry) {
    Path path = Path.of(entry).toAbsolutePath().normalize();
    String fileName = path.getFileName().toString();
    boolean classFolder =
        (fileName.equals("classes") || fileName.equals("test-classes"))
            && path.getParent() != null
            && path.getParent().getFileName().toString().equals("target");
    return classFolder
        || fileName.startsWith("kinesis-bridge-")
        || path.toString().replace(File.separatorChar, '/').contains("/io/kinesisbridge/");
  }

  /** Waits until the worker has joined its group and read the config topic. */
  void waitUntilRestReady() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "worker " + name + " exited with " + process.exitValue() + "; log: " + logTail());
      }
      try {
        int health = send(HttpRequest.newBuilder(rest.resolve("/health")).GET()).statusCode();
        // Workers before Kafka 3.9 have no /health (KIP-1017): /connectors answers once the
        // herder has started.
        if (health == 200
            || (health == 404
                && send(HttpRequest.newBuilder(rest.resolve("/connectors")).GET()).statusCode()
                    == 200)) {
          return;
        }
      } catch (UncheckedIOException notListeningYet) {
        // The REST server is not up yet.
      }
      pause();
    }
    throw new IllegalStateException(
        "worker " + name + " not ready within " + READY_TIMEOUT + "; log: " + logTail());
  }

  /** Creates or updates a connector, retrying while the worker is still rebalancing (409). */
  void putConnectorConfig(String connector, Map<String, String> config) {
    String body = json(config);
    awaitResponse(
        "PUT config of " + connector,
        HttpRequest.newBuilder(rest.resolve("/connectors/" + connector + "/config"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)),
        status -> status == 200 || status == 201);
  }

  /** {@code GET path} as JSON, e.g. {@code /connector-plugins}; fails on any status but 200. */
  JsonNode getJson(String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(rest.resolve(path)).GET());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + path + ": " + response.statusCode() + " " + response.body());
    }
    return parse(response.body());
  }

  /**
   * {@code PUT /connector-plugins/<class>/config/validate}, as a user's tooling calls it before
   * creating a connector: the answer carries {@code error_count} and the message per key.
   */
  JsonNode validate(Map<String, String> config) {
    String plugin = config.get("connector.class");
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(
                    rest.resolve("/connector-plugins/" + plugin + "/config/validate"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(config))));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "validate " + plugin + ": " + response.statusCode() + " " + response.body());
    }
    return parse(response.body());
  }

  /** {@code PUT /admin/loggers/<logger>}: changes a logger's level in the running worker. */
  void setLogLevel(String logger, String level) {
    awaitResponse(
        "set level of " + logger,
        HttpRequest.newBuilder(rest.resolve("/admin/loggers/" + logger))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"level\": \"" + level + "\"}")),
        status -> status == 200);
  }

  /** Asks the connector to stop its tasks, which commit their work and then produce no more. */
  void stopConnector(String connector) {
    awaitResponse(
        "stop " + connector,
        HttpRequest.newBuilder(rest.resolve("/connectors/" + connector + "/stop"))
            .PUT(HttpRequest.BodyPublishers.noBody()),
        status -> status == 202 || status == 204);
  }

  /** GET /connectors/{connector}/status, or null while the worker does not know the connector. */
  JsonNode connectorStatus(String connector) {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(rest.resolve("/connectors/" + connector + "/status")).GET());
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("status of " + connector + ": " + response.body());
    }
    return parse(response.body());
  }

  /** Waits until the connector's state is {@code state}, e.g. STOPPED after a stop request. */
  void awaitConnectorState(String connector, String state) {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    JsonNode status = null;
    while (Instant.now().isBefore(deadline)) {
      status = connectorStatus(connector);
      if (status != null && state.equals(status.path("connector").path("state").asText())) {
        return;
      }
      pause();
    }
    throw new AssertionError(
        connector + " not " + state + " within " + READY_TIMEOUT + ": " + status);
  }

  /**
   * Kills the JVM with SIGKILL and returns its exit code (137 = 128 + 9 on Linux) once it is gone.
   */
  int killHard() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("worker " + name + " survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing worker " + name, e);
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * The id under which the worker's tasks appear in a connector's status ({@code worker_id}): its
   * advertised REST host and port.
   */
  String workerId() {
    return rest.getHost() + ":" + rest.getPort();
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  /** Stops a worker still running at the end of a test; gracefully first, to leave clean logs. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        killHard();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killHard();
    }
  }

  private void awaitResponse(
      String what, HttpRequest.Builder request, Predicate<Integer> succeeded) {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    HttpResponse<String> response = null;
    while (Instant.now().isBefore(deadline)) {
      response = send(request);
      if (succeeded.test(response.statusCode())) {
        return;
      }
      // 409: rebalance in progress; 500 "request timed out" while the herder is busy starting.
      if (response.statusCode() != 409 && response.statusCode() != 500) {
        break;
      }
      pause();
    }
    throw new IllegalStateException(
        what
            + " failed: "
            + (response == null ? "no response" : response.statusCode() + " " + response.body())
            + "; log: "
            + logTail());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted talking to worker " + name, e);
    }
  }

  private String logTail() {
    try {
      String text = Files.readString(log);
      return text.length() <= 3000 ? text : text.substring(text.length() - 3000);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String json(Map<String, String> config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String toProperties(Map<String, String> config) {
    List<String> lines = new ArrayList<>();
    config.forEach((key, value) -> lines.add(key + "=" + value.replace("\\", "\\\\")));
    return String.join("\n", lines) + "\n";
  }

  /** target/connect-workers: failsafe runs in the module folder. */
  private static Path workDir() {
    try {
      return Files.createDirectories(
          Path.of(System.getProperty("user.dir"), "target", "connect-workers"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The JVM option that points the worker's logging backend at a config written here: INFO into the
   * worker's own log file, the only record of what a killed worker did, clients at WARN.
   */
  private static String logConfigOption(WorkerRuntime.Logging logging, Path dir) {
    return switch (logging) {
      case LOG4J2 ->
          "-Dlog4j2.configurationFile="
              + writeLines(
                  dir.resolve("log4j2-worker.properties"),
                  "rootLogger.level = INFO",
                  "rootLogger.appenderRef.stdout.ref = STDOUT",
                  "appender.stdout.type = Console",
                  "appender.stdout.name = STDOUT",
                  "appender.stdout.layout.type = PatternLayout",
                  "appender.stdout.layout.pattern = " + LOG_PATTERN,
                  "logger.clients.name = org.apache.kafka.clients",
                  "logger.clients.level = WARN");
      // Kafka 3.x: the same in log4j 1.x syntax.
      case RELOAD4J ->
          "-Dlog4j.configuration="
              + writeLines(
                      dir.resolve("log4j-worker.properties"),
                      "log4j.rootLogger=INFO, stdout",
                      "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                      "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                      "log4j.appender.stdout.layout.ConversionPattern=" + LOG_PATTERN,
                      "log4j.logger.org.apache.kafka.clients=WARN")
                  .toUri();
    };
  }

  private static Path writeLines(Path file, String... lines) {
    try {
      Files.writeString(file, String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
