package io.kinesisbridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Finds free loopback ports and waits for servers to listen on them. */
public final class FreePorts {

  private FreePorts() {}

  /** A port that was free a moment ago; callers must still cope with losing a race for it. */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free local port", e);
    }
  }

  /** Whether something accepts TCP connections on the loopback port right now. */
  public static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress("127.0.0.1", port), (int) Duration.ofMillis(200).toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether a server could bind {@code port} right now on every interface, as kinesis-mock does.
   * Address reuse is on, like Node's listeners, so connections lingering in TIME_WAIT do not count
   * as taken.
   */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until {@link #isFree(int)} holds for every port, e.g. after killing the process that
   * listened on them.
   *
   * @throws IllegalStateException when a port is still taken after {@code timeout}
   */
  public static void awaitFree(Duration timeout, int... ports) {
    Instant deadline = Instant.now().plus(timeout);
    for (int port : ports) {
      while (!isFree(port)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("port " + port + " is still taken after " + timeout);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for port " + port, e);
        }
      }
    }
  }
}
