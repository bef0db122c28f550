package io.kinesisbridge.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings for a {@link KinesisMock}; get one from {@link KinesisMock#builder()}.
 *
 * <pre>{@code
 * KinesisMock mock = KinesisMock.builder().persistence(Duration.ofMillis(100)).start();
 * }</pre>
 */
public final class KinesisMockBuilder {

  private Path packageDir;
  private final Map<String, String> env = new HashMap<>();
  private int plainPort;
  private int tlsPort;
  private Path persistDir;
  private Duration persistInterval;

  KinesisMockBuilder() {}

  /**
   * The folder holding {@code node_modules/kinesis-local}; default {@link
   * KinesisMock#packageDir()}.
   */
  public KinesisMockBuilder packageDir(Path dir) {
    this.packageDir = Objects.requireNonNull(dir, "dir");
    return this;
  }

  /** One more kinesis-mock setting, e.g. {@code SHARD_LIMIT} or an operation's duration. */
  public KinesisMockBuilder env(String name, String value) {
    env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** More kinesis-mock settings; persistence settings of {@link #persistence} take precedence. */
  public KinesisMockBuilder env(Map<String, String> settings) {
    settings.forEach(this::env);
    return this;
  }

  /**
   * Listens on these ports instead of free ones picked at start. Start-up waits for them to be free
   * and retries on them; it fails if another process keeps them.
   */
  public KinesisMockBuilder ports(int plainPort, int tlsPort) {
    if (plainPort < 1 || plainPort > 65_535 || tlsPort < 1 || tlsPort > 65_535) {
      throw new IllegalArgumentException("ports must be 1-65535: " + plainPort + ", " + tlsPort);
    }
    if (plainPort == tlsPort) {
      throw new IllegalArgumentException("the plain and TLS ports must differ: " + plainPort);
    }
    this.plainPort = plainPort;
    this.tlsPort = tlsPort;
    return this;
  }

  /**
   * Writes the state to a new temporary folder every {@code interval} (e.g. 100 ms) and loads it at
   * each {@link KinesisMock#restart()}; {@link KinesisMock#close()} deletes the folder. Each write
   * serialises every record held, so keep the state small (fresh streams, thousands of records, not
   * millions): kinesis-mock is single-threaded and serves no request while it writes.
   */
  public KinesisMockBuilder persistence(Duration interval) {
    return persistence(null, interval);
  }

  /**
   * Like {@link #persistence(Duration)}, but in {@code dir}, which is kept on close; data already
   * there is loaded at start.
   */
  public KinesisMockBuilder persistence(Path dir, Duration interval) {
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("persist interval must be at least 1 ms: " + interval);
    }
    this.persistDir = dir;
    this.persistInterval = interval;
    return this;
  }

  /**
   * Starts kinesis-mock and returns once both ports listen.
   *
   * @throws IllegalStateException when it is not installed or does not listen after a few attempts
   */
  public KinesisMock start() {
    return KinesisMock.start(this);
  }

  Path packageDir() {
    return packageDir != null ? packageDir : KinesisMock.packageDir();
  }

  Map<String, String> env() {
    return Map.copyOf(env);
  }

  boolean hasFixedPorts() {
    return plainPort != 0;
  }

  int plainPort() {
    return plainPort;
  }

  int tlsPort() {
    return tlsPort;
  }

  /** A new persistence set-up for one start (a new temp folder each time), or null. */
  PersistedData persistence() {
    if (persistInterval == null) {
      return null;
    }
    return persistDir == null
        ? PersistedData.inTempDir(persistInterval)
        : new PersistedData(persistDir, persistInterval, false);
  }
}
