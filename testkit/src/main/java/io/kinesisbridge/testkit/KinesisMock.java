package io.kinesisbridge.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The kinesis-mock emulator (npm {@code kinesis-local}) running as a Node child process on free
 * loopback ports: plain HTTP (also HTTP/2 cleartext) on one port, HTTPS with HTTP/2 on the other.
 *
 * <p>kinesis-mock stays alive without listening when its port is taken and ignores SIGTERM, so
 * start-up checks that both ports listen, retries on new ports, and stopping kills the process
 * hard. A shutdown hook kills it too, so a JVM that exits without {@link #close()} leaves nothing
 * behind.
 */
public final class KinesisMock implements AutoCloseable {

  /** System property naming the folder with the committed package.json and lock file. */
  public static final String DIR_PROPERTY = "kinesis.mock.dir";

  private static final Logger LOG = LoggerFactory.getLogger(KinesisMock.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int plainPort;
  private final int tlsPort;
  private final Path logFile;
  private final Thread shutdownHook;

  private KinesisMock(Process process, int plainPort, int tlsPort, Path logFile) {
    this.process = process;
    this.plainPort = plainPort;
    this.tlsPort = tlsPort;
    this.logFile = logFile;
    this.shutdownHook = new Thread(this::kill, "kinesis-mock-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts kinesis-mock from the package folder found by {@link #packageDir()}. */
  public static KinesisMock start() {
    return start(packageDir(), Map.of());
  }

  /**
   * Starts kinesis-mock.
   *
   * @param packageDir folder holding {@code node_modules/kinesis-local}
   * @param extraEnv more kinesis-mock settings, e.g. {@code SHARD_LIMIT} or operation durations
   */
  public static KinesisMock start(Path packageDir, Map<String, String> extraEnv) {
    Path main = packageDir.resolve("node_modules/kinesis-local/main.js");
    if (!Files.isRegularFile(main)) {
      throw new IllegalStateException(
          "kinesis-mock is not installed: "
              + main
              + " is missing. Run `npm ci` in "
              + packageDir
              + " (the Maven build does this when it is missing).");
    }
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return launch(main, extraEnv);
      } catch (IllegalStateException e) {
        LOG.warn("kinesis-mock start attempt {} failed: {}", attempt, e.getMessage());
        last = e;
      }
    }
    throw last;
  }

  private static KinesisMock launch(Path main, Map<String, String> extraEnv) {
    int plainPort = FreePorts.next();
    int tlsPort = FreePorts.next();
    Path log = logFile(plainPort);
    ProcessBuilder builder =
        new ProcessBuilder(List.of("node", main.toString()))
            .directory(main.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("KINESIS_MOCK_CERT_PATH", main.getParent().resolve("server.json").toString());
    env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort));
    env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
    env.put("LOG_LEVEL", "WARN");
    env.putAll(extraEnv);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run `node` (Node.js 20 is required): " + e, e);
    }
    KinesisMock mock = new KinesisMock(process, plainPort, tlsPort, log);
    try {
      mock.awaitListening();
      LOG.info("kinesis-mock listening: {} and {}", mock.plainEndpoint(), mock.tlsEndpoint());
      return mock;
    } catch (RuntimeException e) {
      mock.close();
      throw e;
    }
  }

  private void awaitListening() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "kinesis-mock exited with code " + process.exitValue() + "; log: " + logTail());
      }
      if (FreePorts.isListening(plainPort) && FreePorts.isListening(tlsPort)) {
        return;
      }
      sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException(
        "kinesis-mock did not listen on ports "
            + plainPort
            + "/"
            + tlsPort
            + " within "
            + START_TIMEOUT
            + "; log: "
            + logTail());
  }

  /** The folder with kinesis-mock's package.json: system property, else searched from here up. */
  public static Path packageDir() {
    String configured = System.getProperty(DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testkit/kinesis-mock");
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "cannot find testkit/kinesis-mock; set -D" + DIR_PROPERTY + "=<folder>");
  }

  /** Plain HTTP endpoint (the SDK speaks HTTP/1.1 or HTTP/2 cleartext to it). */
  public URI plainEndpoint() {
    return URI.create("http://localhost:" + plainPort);
  }

  /** HTTPS endpoint with HTTP/2 over ALPN and a self-signed certificate (trust-all, tests only). */
  public URI tlsEndpoint() {
    return URI.create("https://localhost:" + tlsPort);
  }

  /**
   * The connector {@code aws.*} settings that reach this emulator over plain HTTP: region us-east-1
   * and static test credentials (kinesis-mock accepts any).
   */
  public Map<String, String> awsSettings() {
    return Map.of(
        "aws.region", "us-east-1",
        "aws.endpoint.url", plainEndpoint().toString(),
        "aws.credentials.provider", "static",
        "aws.access.key.id", "kinesis-mock",
        "aws.secret.access.key", "kinesis-mock");
  }

  /** Where the emulator's output goes, for diagnosing failed tests. */
  public Path logFile() {
    return logFile;
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run; nothing left to remove.
    }
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String logTail() {
    try {
      String text = Files.readString(logFile);
      return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static Path logFile(int port) {
    try {
      Path dir =
          Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "kinesis-mock"));
      return dir.resolve("kinesis-mock-" + port + ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for kinesis-mock", e);
    }
  }
}
