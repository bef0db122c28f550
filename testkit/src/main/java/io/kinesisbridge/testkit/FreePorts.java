package io.kinesisbridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

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
}
