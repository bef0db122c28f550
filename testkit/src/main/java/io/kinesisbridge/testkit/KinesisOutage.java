package io.kinesisbridge.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A Kinesis outage for connector tests: kinesis-mock that persists its state, behind a {@link
 * TcpProxy} the connector talks to, so the test can take Kinesis away and bring it back without
 * losing what it had acknowledged.
 *
 * <p>The recipe, {@link #begin()} then {@link #end()} (or {@link #run(Duration)} for both):
 *
 * <ol>
 *   <li>{@code proxy.cut()}: every connection of the connector is reset, new ones are reset at
 *       once; nothing new can reach the emulator.
 *   <li>Wait until kinesis-mock has written its state to disk twice ({@link
 *       KinesisMock#awaitPersisted()}, a few persist intervals): everything it acknowledged before
 *       the cut is on disk.
 *   <li>{@code mock.kill()}: a hard kill, as in a crash; returns once its ports are free.
 *   <li>The test's downtime: the connector retries against a dead endpoint.
 *   <li>{@code mock.restart()}: same ports, persisted streams and records loaded.
 *   <li>{@code proxy.restore()}: the connector reaches Kinesis again on the same address.
 * </ol>
 *
 * <p>A record the emulator received before the cut but whose answer the cut lost is kept too, and
 * the connector will send it again: count on at-least-once, never on exactly-once, across an
 * outage. Sequence numbers continue after the restart.
 *
 * <pre>{@code
 * try (KinesisOutage outage = KinesisOutage.start()) {
 *   connect.configureConnector("sink", sinkConfig(outage.awsSettings()));
 *   produce(1_000);
 *   outage.begin();
 *   produce(1_000); // while Kinesis is down
 *   outage.end();
 *   try (AwsClientFactory clients = AwsClientFactory.create(AwsSettings.from(outage.awsSettings()));
 *       KinesisClient kinesis = clients.kinesis()) {
 *     // eventually: new KinesisReader(kinesis).readAll(stream) holds all 2,000 (maybe more)
 *   }
 * }
 * }</pre>
 */
public final class KinesisOutage implements AutoCloseable {

  /** The persist interval of {@link #start()}: short, so waiting for a write costs little. */
  public static final Duration DEFAULT_PERSIST_INTERVAL = Duration.ofMillis(100);

  private static final Logger LOG = LoggerFactory.getLogger(KinesisOutage.class);

  private final KinesisMock mock;
  private final TcpProxy proxy;
  private final boolean ownsMock;

  private KinesisOutage(KinesisMock mock, TcpProxy proxy, boolean ownsMock) {
    this.mock = mock;
    this.proxy = proxy;
    this.ownsMock = ownsMock;
  }

  /** Starts kinesis-mock persisting every {@link #DEFAULT_PERSIST_INTERVAL}, and a proxy to it. */
  public static KinesisOutage start() {
    KinesisMock mock = KinesisMock.builder().persistence(DEFAULT_PERSIST_INTERVAL).start();
    try {
      return new KinesisOutage(mock, TcpProxy.start(mock.plainPort()), true);
    } catch (RuntimeException e) {
      mock.close();
      throw e;
    }
  }

  /**
   * Puts a proxy in front of {@code mock}'s plain port. Closing the outage closes the proxy only.
   *
   * @throws IllegalArgumentException when {@code mock} does not persist: a restart would lose every
   *     stream
   */
  public static KinesisOutage around(KinesisMock mock) {
    if (mock.persistInterval().isEmpty()) {
      throw new IllegalArgumentException(
          "kinesis-mock must persist its data to survive an outage; start it with"
              + " KinesisMock.builder().persistence(...)");
    }
    return new KinesisOutage(mock, TcpProxy.start(mock.plainPort()), false);
  }

  /** The emulator; its own endpoints bypass the proxy. */
  public KinesisMock mock() {
    return mock;
  }

  /** The proxy the connector should talk to. */
  public TcpProxy proxy() {
    return proxy;
  }

  /** The proxy's endpoint (plain HTTP; HTTP/2 cleartext works too). */
  public URI endpoint() {
    return proxy.endpoint();
  }

  /** The connector {@code aws.*} settings that reach kinesis-mock through the proxy. */
  public Map<String, String> awsSettings() {
    return mock.awsSettings(proxy.endpoint());
  }

  /** Steps 1-3 of the recipe: cut, wait until acknowledged data is on disk, kill. */
  public void begin() {
    LOG.info("Kinesis outage begins");
    proxy.cut();
    mock.awaitPersisted();
    mock.kill();
  }

  /** Steps 5-6 of the recipe: restart with the persisted data, restore the proxy. */
  public void end() {
    mock.restart();
    proxy.restore();
    LOG.info("Kinesis outage ends");
  }

  /** The whole recipe with {@code downtime} between the kill and the restart. */
  public void run(Duration downtime) {
    begin();
    KinesisMockProcess.sleep(downtime);
    end();
  }

  /** Closes the proxy, and the emulator if {@link #start()} started it. */
  @Override
  public void close() {
    try {
      proxy.close();
    } finally {
      if (ownsMock) {
        mock.close();
      }
    }
  }
}
