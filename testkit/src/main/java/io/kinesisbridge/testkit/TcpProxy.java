package io.kinesisbridge.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay from a free local port to a target port, which tests can {@link #cut()} and
 * {@link #restore()} to simulate an outage between a client and a server (e.g. a connector and
 * kinesis-mock). It relays bytes only, so HTTP/1.1 keep-alive, HTTP/2 cleartext and TLS all pass.
 *
 * <p>While cut, the proxy keeps its port and accepts new connections only to reset them at once:
 * clients fail within milliseconds (connection reset) instead of hanging, and no other process can
 * take the port before {@link #restore()}, so clients reconnect to the same address afterwards.
 *
 * <p>Threads: one accept thread and two per open connection, all daemons named {@code
 * tcp-proxy-<port>-*}; {@link #close()} resets every connection and waits for all of them to end.
 */
public final class TcpProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);
  private static final long CLOSE_TIMEOUT_SECONDS = 10;

  private final ServerSocket server;
  private final int targetPort;
  private final String threadPrefix;
  private final ExecutorService relays;
  private final Thread acceptor;
  private final Set<ProxyConnection> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final Object lock = new Object();
  private boolean cut;
  private volatile boolean closed;

  private TcpProxy(ServerSocket server, int targetPort) {
    this.server = server;
    this.targetPort = targetPort;
    this.threadPrefix = "tcp-proxy-" + server.getLocalPort() + "-";
    this.relays =
        Executors.newCachedThreadPool(LoopbackServers.daemonThreads(threadPrefix + "relay-"));
    this.acceptor = new Thread(this::acceptLoop, threadPrefix + "accept");
    acceptor.setDaemon(true);
  }

  /**
   * Starts relaying from a free loopback port to {@code targetPort} on the loopback interface.
   *
   * @throws UncheckedIOException when no local port can be bound
   */
  public static TcpProxy start(int targetPort) {
    ServerSocket server = LoopbackServers.bindFreePort("proxy");
    TcpProxy proxy = new TcpProxy(server, targetPort);
    proxy.acceptor.start();
    LOG.info("TCP proxy 127.0.0.1:{} -> {}", proxy.port(), targetPort);
    return proxy;
  }

  /** The local port clients connect to; it stays the same across cuts and restores. */
  public int port() {
    return server.getLocalPort();
  }

  /** The port the proxy relays to. */
  public int targetPort() {
    return targetPort;
  }

  /** {@code http://127.0.0.1:<port>}: the proxy as an HTTP endpoint (cleartext). */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * Resets every open connection at once and, until {@link #restore()}, resets new ones as soon as
   * they are accepted.
   */
  public void cut() {
    synchronized (lock) {
      cut = true;
      List.copyOf(open).forEach(ProxyConnection::abort);
    }
    LOG.info("TCP proxy on port {} cut", port());
  }

  /** Relays new connections again, on the same port. */
  public void restore() {
    synchronized (lock) {
      cut = false;
    }
    LOG.info("TCP proxy on port {} restored", port());
  }

  /** Whether the proxy is cut right now. */
  public boolean isCut() {
    synchronized (lock) {
      return cut;
    }
  }

  /** Connections being relayed right now. */
  public int openConnections() {
    return open.size();
  }

  /** Connections relayed since start (not counting those reset while cut). */
  public long relayedConnections() {
    return accepted.get();
  }

  /** Stops listening, resets every connection and waits until all proxy threads have ended. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("closing the proxy's server socket", e);
    }
    synchronized (lock) {
      List.copyOf(open).forEach(ProxyConnection::abort);
    }
    relays.shutdownNow();
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
      if (!relays.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS) || acceptor.isAlive()) {
        throw new IllegalStateException("TCP proxy threads " + threadPrefix + "* did not end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the TCP proxy", e);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("TCP proxy on port {} stops accepting", port(), e);
        }
        return;
      }
      relayOrReset(client);
    }
  }

  private void relayOrReset(Socket client) {
    synchronized (lock) {
      if (cut || closed) {
        ProxyConnection.reset(client);
        return;
      }
      ProxyConnection connection = new ProxyConnection(client, targetPort, open::remove);
      open.add(connection);
      accepted.incrementAndGet();
      try {
        connection.start(relays);
      } catch (RejectedExecutionException e) {
        connection.abort();
      }
    }
  }
}
