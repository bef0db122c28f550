package io.kinesisbridge.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small forward HTTP proxy on the loopback interface, standing in for a corporate proxy in tests:
 * {@code CONNECT host:port} opens a tunnel (what clients do for {@code https://} targets, and what
 * the SDK's Netty client does for every target), and an absolute-form request such as {@code POST
 * http://localhost:4567/ HTTP/1.1} is forwarded (what the Apache client does for {@code http://}
 * targets). Optional Basic authentication answers {@code 407} to a request without the right {@code
 * Proxy-Authorization}.
 *
 * <p>It counts tunnels and forwarded requests per target {@code host:port}, so a test can prove
 * that traffic went through it, and refuses targets that are not loopback addresses ({@code 403}),
 * so a test can never reach out to the internet through it.
 *
 * <p>Forwarded requests go one per connection ({@code Connection: close} both ways), which keeps
 * the proxy free of HTTP body framing: clients simply open a new connection for the next request.
 *
 * <p>Threads: one accept thread and one or two per open connection, all daemons named {@code
 * connect-proxy-<port>-*}; {@link #close()} closes every connection and waits for them to end.
 */
public final class ConnectProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectProxy.class);
  private static final long CLOSE_TIMEOUT_SECONDS = 10;

  private final ServerSocket server;
  private volatile String expectedAuthorization;
  private final String threadPrefix;
  private final ExecutorService workers;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<String, LongAdder> tunnels = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final AtomicLong refusedAuthentication = new AtomicLong();
  private volatile boolean closed;

  private ConnectProxy(ServerSocket server, String expectedAuthorization) {
    this.server = server;
    this.expectedAuthorization = expectedAuthorization;
    this.threadPrefix = "connect-proxy-" + server.getLocalPort() + "-";
    this.workers =
        Executors.newCachedThreadPool(LoopbackServers.daemonThreads(threadPrefix + "conn-"));
    this.acceptor = new Thread(this::acceptLoop, threadPrefix + "accept");
    acceptor.setDaemon(true);
  }

  /** Starts an open proxy (no authentication) on a free loopback port. */
  public static ConnectProxy start() {
    return start(null);
  }

  /**
   * Starts a proxy on a free loopback port that demands Basic authentication with {@code username}
   * and {@code password}.
   */
  public static ConnectProxy startWithBasicAuth(String username, String password) {
    if (username == null || password == null) {
      throw new IllegalArgumentException("username and password are required");
    }
    return start(basic(username, password));
  }

  /**
   * From now on demands {@code username} and {@code password}, and closes every open connection so
   * that clients must authenticate again: a password rotated at the proxy under a running client.
   */
  public void rotateCredentials(String username, String password) {
    expectedAuthorization = basic(username, password);
    open.forEach(ConnectProxy::closeQuietly);
    LOG.info("HTTP proxy on {}: credentials rotated, open connections closed", url());
  }

  private static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static ConnectProxy start(String expectedAuthorization) {
    ServerSocket server = LoopbackServers.bindFreePort("HTTP proxy");
    ConnectProxy proxy = new ConnectProxy(server, expectedAuthorization);
    proxy.acceptor.start();
    LOG.info(
        "HTTP proxy on {} ({})",
        proxy.url(),
        expectedAuthorization == null ? "open" : "Basic authentication");
    return proxy;
  }

  /** The local port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:<port>}: the value for a client's proxy URL. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** CONNECT tunnels opened to {@code hostPort} (e.g. {@code localhost:4567}) since start. */
  public long tunnels(String hostPort) {
    return count(tunnels, hostPort);
  }

  /** Absolute-form requests forwarded to {@code hostPort} since start. */
  public long forwardedRequests(String hostPort) {
    return count(requests, hostPort);
  }

  /** Tunnels per target, sorted by target, for assertion messages. */
  public Map<String, Long> tunnelsByTarget() {
    return snapshot(tunnels);
  }

  /** Forwarded requests per target, sorted by target, for assertion messages. */
  public Map<String, Long> forwardedRequestsByTarget() {
    return snapshot(requests);
  }

  /** Requests answered with 407 because the proxy credentials were missing or wrong. */
  public long refusedAuthentication() {
    return refusedAuthentication.get();
  }

  /** Stops listening, closes every connection and waits until all proxy threads have ended. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    open.forEach(ConnectProxy::closeQuietly);
    workers.shutdownNow();
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
      if (!workers.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          || acceptor.isAlive()) {
        throw new IllegalStateException("HTTP proxy threads " + threadPrefix + "* did not end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the HTTP proxy", e);
    }
  }

  /** Whether {@code proxyAuthorization} (the header's value, if any) lets a request through. */
  boolean authorized(Optional<String> proxyAuthorization) {
    String expected = expectedAuthorization;
    if (expected == null) {
      return true;
    }
    boolean ok = proxyAuthorization.map(expected::equals).orElse(false);
    if (!ok) {
      refusedAuthentication.incrementAndGet();
    }
    return ok;
  }

  void countTunnel(String hostPort) {
    tunnels.computeIfAbsent(hostPort, t -> new LongAdder()).increment();
  }

  void countRequest(String hostPort) {
    requests.computeIfAbsent(hostPort, t -> new LongAdder()).increment();
  }

  /** Registers a socket that {@link #close()} must close; false once the proxy is closing. */
  boolean track(Socket socket) {
    open.add(socket);
    if (closed) {
      open.remove(socket);
      return false;
    }
    return true;
  }

  void untrack(Socket socket) {
    open.remove(socket);
  }

  ExecutorService workers() {
    return workers;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("HTTP proxy on port {} stops accepting", port(), e);
        }
        return;
      }
      try {
        workers.execute(new ConnectProxyConnection(this, client));
      } catch (RejectedExecutionException e) {
        closeQuietly(client);
      }
    }
  }

  private static long count(Map<String, LongAdder> counts, String hostPort) {
    LongAdder adder = counts.get(hostPort);
    return adder == null ? 0 : adder.sum();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((target, adder) -> copy.put(target, adder.sum()));
    return copy;
  }

  static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // Nothing to recover: the socket is unusable either way.
    }
  }
}
