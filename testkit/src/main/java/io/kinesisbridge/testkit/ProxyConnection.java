package io.kinesisbridge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One client connection of a {@link TcpProxy} and its connection to the target: two pumps copy
 * bytes, one per direction, on two threads.
 *
 * <p>An end-of-stream in one direction is passed on as a half-close (shutdownOutput) so that a peer
 * that finishes sending can still receive; both sockets close once both directions ended. Any I/O
 * error, and {@link #abort()}, resets both sockets, because an outage should look abrupt to both
 * peers rather than like an orderly end of a response.
 */
final class ProxyConnection {

  private static final int CONNECT_TIMEOUT_MS = 2_000;
  private static final int BUFFER_SIZE = 16 * 1024;

  private final Socket client;
  private final int targetPort;
  private final Consumer<ProxyConnection> onClosed;
  private final AtomicInteger runningPumps = new AtomicInteger(2);
  private Socket target;
  private boolean closed;

  ProxyConnection(Socket client, int targetPort, Consumer<ProxyConnection> onClosed) {
    this.client = client;
    this.targetPort = targetPort;
    this.onClosed = onClosed;
  }

  /** Connects to the target and relays on {@code executor}: this task plus one more. */
  void start(Executor executor) {
    executor.execute(() -> connectAndRelay(executor));
  }

  private void connectAndRelay(Executor executor) {
    Socket upstream = new Socket();
    if (!attach(upstream)) {
      return;
    }
    try {
      upstream.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
      upstream.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), CONNECT_TIMEOUT_MS);
      executor.execute(() -> pump(upstream, client));
    } catch (IOException | RejectedExecutionException e) {
      // Target down (e.g. the emulator was killed without a cut) or proxy closing: the client
      // must see its connection fail, as it would without the proxy.
      abort();
      return;
    }
    pump(client, upstream);
  }

  /** Registers the target socket unless the connection was aborted meanwhile. */
  private synchronized boolean attach(Socket upstream) {
    if (closed) {
      return false;
    }
    target = upstream;
    return true;
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[BUFFER_SIZE];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
      to.shutdownOutput();
    } catch (IOException e) {
      abort();
      return;
    }
    if (runningPumps.decrementAndGet() == 0) {
      closeGracefully();
    }
  }

  /** Resets both sockets at once; safe to call repeatedly and from any thread. */
  void abort() {
    Socket upstream;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      upstream = target;
    }
    reset(client);
    if (upstream != null) {
      reset(upstream);
    }
    onClosed.accept(this);
  }

  private void closeGracefully() {
    Socket upstream;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      upstream = target;
    }
    closeQuietly(client);
    closeQuietly(upstream);
    onClosed.accept(this);
  }

  /** Closes with an RST instead of a FIN, so the peer fails at once instead of seeing an EOF. */
  static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // Already closed: closing again below is harmless.
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing to recover: the socket is unusable either way.
    }
  }
}
