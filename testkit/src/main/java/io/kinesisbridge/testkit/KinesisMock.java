package io.kinesisbridge.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kinesis-mock emulator (npm {@code kinesis-local}) running as a Node child process on loopback
 * ports: plain HTTP (also HTTP/2 cleartext) on one port, HTTPS with HTTP/2 on the other.
 *
 * <p>kinesis-mock stays alive without listening when its port is taken and ignores SIGTERM, so
 * start-up checks that both ports listen, retries, and stopping kills the process hard. A shutdown
 * hook kills it too, so a JVM that exits without {@link #close()} leaves nothing behind.
 *
 * <p>For crash tests, {@link #builder()} can make it persist its state to disk every few
 * milliseconds; {@link #kill()} then crashes it and {@link #restart()} brings it back on the same
 * ports with the persisted streams and records (see {@link KinesisOutage} for the whole recipe).
 */
public final class KinesisMock implements AutoCloseable {

  /** System property naming the folder with the committed package.json and lock file. */
  public static final String DIR_PROPERTY = "kinesis.mock.dir";

  private static final Logger LOG = LoggerFactory.getLogger(KinesisMock.class);
  private static final int START_ATTEMPTS = 3;
  private static final Duration PORTS_FREE_TIMEOUT = Duration.ofSeconds(30);

  private final Launch launch;
  private final int plainPort;
  private final int tlsPort;
  private final PersistedData persistence;
  private final Thread shutdownHook;
  private volatile Process process;

  private KinesisMock(Launch launch, Process process) {
    this.launch = launch;
    this.plainPort = launch.plainPort();
    this.tlsPort = launch.tlsPort();
    this.persistence = launch.persistence();
    this.process = process;
    this.shutdownHook = new Thread(this::destroy, "kinesis-mock-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** What one start needs; a restart repeats it. */
  private record Launch(
      Path main,
      Map<String, String> env,
      int plainPort,
      int tlsPort,
      Path log,
      PersistedData persistence) {

    Process run() {
      return KinesisMockProcess.launch(main, env, plainPort, tlsPort, log);
    }
  }

  /** Starts kinesis-mock from the package folder found by {@link #packageDir()}. */
  public static KinesisMock start() {
    return builder().start();
  }

  /**
   * Starts kinesis-mock.
   *
   * @param packageDir folder holding {@code node_modules/kinesis-local}
   * @param extraEnv more kinesis-mock settings, e.g. {@code SHARD_LIMIT} or operation durations
   */
  public static KinesisMock start(Path packageDir, Map<String, String> extraEnv) {
    return builder().packageDir(packageDir).env(extraEnv).start();
  }

  /** A builder for a kinesis-mock with given ports, persistence or settings. */
  public static KinesisMockBuilder builder() {
    return new KinesisMockBuilder();
  }

  /** Starts what {@code settings} describe; called by {@link KinesisMockBuilder#start()}. */
  static KinesisMock start(KinesisMockBuilder settings) {
    Path main = mainOf(settings.packageDir());
    PersistedData persistence = settings.persistence();
    Map<String, String> env = new HashMap<>(settings.env());
    if (persistence != null) {
      env.putAll(persistence.env());
    } else {
      // kinesis-mock loads ./data/kinesis-data.json even when it does not persist, and dies at
      // start-up if that file is torn: an emulator without persistence must start empty.
      env.putIfAbsent("LOAD_DATA_IF_EXISTS", "false");
    }
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      Launch launch = launchOn(settings, main, Map.copyOf(env), persistence);
      try {
        Files.deleteIfExists(launch.log());
        if (settings.hasFixedPorts()) {
          FreePorts.awaitFree(PORTS_FREE_TIMEOUT, launch.plainPort(), launch.tlsPort());
        }
        KinesisMock mock = new KinesisMock(launch, launch.run());
        LOG.info("kinesis-mock listening: {} and {}", mock.plainEndpoint(), mock.tlsEndpoint());
        return mock;
      } catch (IllegalStateException e) {
        LOG.warn("kinesis-mock start attempt {} failed: {}", attempt, e.getMessage());
        last = e;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (persistence != null) {
      persistence.deleteIfOwned();
    }
    throw last;
  }

  /** The given ports, or new free ones for each attempt (a port can be lost in a race). */
  private static Launch launchOn(
      KinesisMockBuilder settings, Path main, Map<String, String> env, PersistedData persistence) {
    int plain = settings.hasFixedPorts() ? settings.plainPort() : FreePorts.next();
    int tls = settings.hasFixedPorts() ? settings.tlsPort() : FreePorts.next();
    return new Launch(main, env, plain, tls, KinesisMockProcess.logFile(plain), persistence);
  }

  private static Path mainOf(Path packageDir) {
    Path main = packageDir.resolve("node_modules/kinesis-local/main.js");
    if (!Files.isRegularFile(main)) {
      throw new IllegalStateException(
          "kinesis-mock is not installed: "
              + main
              + " is missing. Run `npm ci` in "
              + packageDir
              + " (the Maven build does this when it is missing).");
    }
    return main;
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

  /** The plain HTTP port; it stays the same across {@link #restart()}. */
  public int plainPort() {
    return plainPort;
  }

  /** The HTTPS port; it stays the same across {@link #restart()}. */
  public int tlsPort() {
    return tlsPort;
  }

  /**
   * The connector {@code aws.*} settings that reach this emulator over plain HTTP: region us-east-1
   * and static test credentials (kinesis-mock accepts any).
   */
  public Map<String, String> awsSettings() {
    return awsSettings(plainEndpoint());
  }

  /**
   * Like {@link #awsSettings()}, but reaching the emulator through {@code endpoint}, e.g. a {@link
   * TcpProxy} in front of it.
   */
  public Map<String, String> awsSettings(URI endpoint) {
    return Map.of(
        "aws.region", "us-east-1",
        "aws.endpoint.url", endpoint.toString(),
        "aws.credentials.provider", "static",
        "aws.access.key.id", "kinesis-mock",
        "aws.secret.access.key", "kinesis-mock");
  }

  /** Where the emulator's output goes (all runs, restarts appended), for diagnosing tests. */
  public Path logFile() {
    return launch.log();
  }

  /** How often the state is written to disk; empty when this emulator does not persist. */
  public Optional<Duration> persistInterval() {
    return Optional.ofNullable(persistence).map(PersistedData::interval);
  }

  /** Whether the emulator process is alive (it may still be starting). */
  public boolean isRunning() {
    return process.isAlive();
  }

  /**
   * Waits until kinesis-mock has written its state to disk twice since this call, so that
   * everything it acknowledged before the call survives a {@link #kill()}. Call it once no more
   * writes can arrive (e.g. after {@link TcpProxy#cut()}).
   *
   * @throws IllegalStateException when this emulator does not persist, or the writes do not come
   */
  public void awaitPersisted() {
    PersistedData data = requirePersistence();
    Duration timeout = data.interval().multipliedBy(10).plusSeconds(10);
    if (!data.awaitWrites(timeout)) {
      throw new IllegalStateException(
          "kinesis-mock did not write "
              + data.file()
              + " twice within "
              + timeout
              + "; log: "
              + KinesisMockProcess.logTail(launch.log()));
    }
  }

  /**
   * Crashes the emulator: kills it hard, as a power cut would, and returns once both ports are
   * free. Records acknowledged since its last write to disk are lost, as they would be in a crash;
   * {@link #awaitPersisted()} first to keep them. A kill in the middle of a write cannot corrupt
   * the data: the last complete file is put back. Does nothing when it is not running.
   */
  public synchronized void kill() {
    Process current = process;
    if (current.isAlive()) {
      Optional<byte[]> snapshot = persistence == null ? Optional.empty() : persistence.snapshot();
      KinesisMockProcess.destroy(current);
      if (persistence != null) {
        persistence.repair(snapshot);
      }
      LOG.info("kinesis-mock on ports {}/{} killed", plainPort, tlsPort);
    }
    FreePorts.awaitFree(PORTS_FREE_TIMEOUT, plainPort, tlsPort);
  }

  /**
   * Starts the emulator again on the same ports, with the persisted streams and records if it
   * persists (otherwise empty), killing it first if it still runs; returns once it listens.
   *
   * @throws IllegalStateException when it does not listen again after a few attempts
   */
  public synchronized void restart() {
    kill();
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        // Another process can take a port between the check and node's bind: check again.
        FreePorts.awaitFree(PORTS_FREE_TIMEOUT, plainPort, tlsPort);
        process = launch.run();
        LOG.info("kinesis-mock restarted on ports {}/{}", plainPort, tlsPort);
        return;
      } catch (IllegalStateException e) {
        LOG.warn("kinesis-mock restart attempt {} failed: {}", attempt, e.getMessage());
        last = e;
        KinesisMockProcess.sleep(Duration.ofMillis(500));
      }
    }
    throw last;
  }

  /** Kills the emulator and deletes the persisted data if the builder created its folder. */
  @Override
  public void close() {
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run; nothing left to remove.
    }
    if (persistence != null) {
      persistence.deleteIfOwned();
    }
  }

  private void destroy() {
    KinesisMockProcess.destroy(process);
  }

  private PersistedData requirePersistence() {
    if (persistence == null) {
      throw new IllegalStateException(
          "this kinesis-mock does not persist its data; start it with"
              + " KinesisMock.builder().persistence(...)");
    }
    return persistence;
  }
}
