package io.kinesisbridge.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection of a {@link ConnectProxy}: reads the request head, checks the proxy
 * credentials and the target, then either opens a CONNECT tunnel or forwards one absolute-form
 * request, and closes.
 */
final class ConnectProxyConnection implements Runnable {

  private static final int HEAD_TIMEOUT_MS = 30_000;
  private static final int CONNECT_TIMEOUT_MS = 2_000;
  private static final int BUFFER_SIZE = 16 * 1024;
  private static final String REALM = "kinesis-bridge-test-proxy";

  /** Hop-by-hop headers a proxy must not pass on; {@code Connection: close} replaces them. */
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "proxy-connection", "proxy-authorization");

  private final ConnectProxy proxy;
  private final Socket client;
  private Socket upstream;

  ConnectProxyConnection(ConnectProxy proxy, Socket client) {
    this.proxy = proxy;
    this.client = client;
  }

  @Override
  public void run() {
    if (!proxy.track(client)) {
      ConnectProxy.closeQuietly(client);
      return;
    }
    try {
      client.setSoTimeout(HEAD_TIMEOUT_MS);
      client.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(client.getInputStream(), BUFFER_SIZE);
      HttpHead head = HttpHead.read(in);
      if (head != null) {
        handle(head, in);
      }
    } catch (IOException | RuntimeException e) {
      // A client that disconnects or speaks nonsense only ends its own connection.
    } finally {
      closeAll();
    }
  }

  private void handle(HttpHead head, InputStream in) throws IOException {
    String[] parts = head.startLine().split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      reply(400, "Bad Request");
      return;
    }
    if (!proxy.authorized(head.header("Proxy-Authorization"))) {
      reply(
          407,
          "Proxy Authentication Required",
          "Proxy-Authenticate: Basic realm=\"" + REALM + "\"");
      return;
    }
    if (parts[0].equalsIgnoreCase("CONNECT")) {
      tunnel(parts[1], in);
    } else {
      forward(head, parts, in);
    }
  }

  private void tunnel(String hostPort, InputStream in) throws IOException {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 1 || !openUpstream(hostPort.substring(0, colon), port(hostPort, colon))) {
      return;
    }
    proxy.countTunnel(hostPort.toLowerCase(Locale.ROOT));
    OutputStream out = client.getOutputStream();
    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    client.setSoTimeout(0); // an enhanced fan-out subscription stays quiet for long stretches
    relayBothWays(in, upstream.getInputStream());
  }

  private void forward(HttpHead head, String[] parts, InputStream in) throws IOException {
    URI target;
    try {
      target = new URI(parts[1]);
    } catch (URISyntaxException e) {
      reply(400, "Bad Request");
      return;
    }
    if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
      reply(400, "Bad Request"); // origin-form requests and https:// belong in a CONNECT tunnel
      return;
    }
    int port = target.getPort() < 0 ? 80 : target.getPort();
    if (!openUpstream(target.getHost(), port)) {
      return;
    }
    proxy.countRequest((target.getHost() + ":" + port).toLowerCase(Locale.ROOT));
    String path =
        target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
    HttpHead request =
        head.withStartLine(parts[0] + " " + path + query + " " + parts[2])
            .replacing(HOP_BY_HOP, "Connection: close");
    OutputStream toUpstream = upstream.getOutputStream();
    toUpstream.write(request.bytes());
    toUpstream.flush();
    client.setSoTimeout(0);
    pumpInBackground(in, upstream); // the request body, if any
    relayResponse(new BufferedInputStream(upstream.getInputStream(), BUFFER_SIZE));
  }

  /** Passes interim 1xx heads on as they are, then the final head with Connection: close. */
  private void relayResponse(InputStream fromUpstream) throws IOException {
    OutputStream out = client.getOutputStream();
    HttpHead response = HttpHead.read(fromUpstream);
    while (response != null && isInterim(response)) {
      out.write(response.bytes());
      response = HttpHead.read(fromUpstream);
    }
    if (response == null) {
      return; // the target closed without answering: so does the proxy
    }
    out.write(response.replacing(HOP_BY_HOP, "Connection: close").bytes());
    copy(fromUpstream, out);
  }

  private static boolean isInterim(HttpHead response) {
    String[] parts = response.startLine().split(" ");
    return parts.length > 1 && parts[1].startsWith("1");
  }

  /** Connects to a loopback target, or answers 403 (not loopback) or 502 (not reachable). */
  private boolean openUpstream(String host, int port) throws IOException {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress address;
    try {
      address = InetAddress.getByName(bare);
    } catch (IOException e) {
      reply(502, "Bad Gateway");
      return false;
    }
    if (port <= 0 || !address.isLoopbackAddress()) {
      reply(403, "Forbidden"); // a test proxy never leaves the machine
      return false;
    }
    Socket socket = new Socket();
    if (!proxy.track(socket)) {
      return false;
    }
    upstream = socket;
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      reply(502, "Bad Gateway");
      return false;
    }
    return true;
  }

  /**
   * Copies client to target on another thread and target to client on this one; an end of stream is
   * passed on as a half-close, and the connection ends when both directions have ended.
   */
  private void relayBothWays(InputStream fromClient, InputStream fromUpstream) throws IOException {
    AtomicInteger running = new AtomicInteger(2);
    Socket target = upstream;
    try {
      proxy
          .workers()
          .execute(
              () -> {
                pumpHalf(fromClient, target);
                if (running.decrementAndGet() == 0) {
                  closeAll();
                }
              });
    } catch (RejectedExecutionException e) {
      return;
    }
    pumpHalf(fromUpstream, client);
    if (running.decrementAndGet() > 0) {
      waitForOtherDirection(running);
    }
  }

  private void waitForOtherDirection(AtomicInteger running) {
    synchronized (running) {
      while (running.get() > 0 && !client.isClosed()) {
        try {
          running.wait(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void pumpInBackground(InputStream from, Socket to) {
    try {
      proxy.workers().execute(() -> pumpHalf(from, to));
    } catch (RejectedExecutionException e) {
      closeAll();
    }
  }

  /** Copies until end of stream, then half-closes {@code to}; any I/O error closes both sides. */
  private void pumpHalf(InputStream from, Socket to) {
    try {
      copy(from, to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      closeAll();
    }
  }

  private static void copy(InputStream from, OutputStream to) throws IOException {
    byte[] buffer = new byte[BUFFER_SIZE];
    for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
      to.write(buffer, 0, n);
      to.flush();
    }
  }

  private void reply(int status, String reason, String... headers) throws IOException {
    StringBuilder response =
        new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason);
    response.append("\r\nContent-Length: 0\r\nConnection: close\r\n");
    for (String header : headers) {
      response.append(header).append("\r\n");
    }
    OutputStream out = client.getOutputStream();
    out.write(response.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static int port(String hostPort, int colon) {
    try {
      return Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private synchronized void closeAll() {
    ConnectProxy.closeQuietly(client);
    proxy.untrack(client);
    if (upstream != null) {
      ConnectProxy.closeQuietly(upstream);
      proxy.untrack(upstream);
    }
  }
}
