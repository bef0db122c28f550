package io.kinesisbridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** What the testkit's proxies share: a free loopback port to listen on, and daemon threads. */
final class LoopbackServers {

  private LoopbackServers() {}

  /**
   * A server socket on a free loopback port.
   *
   * @param what what listens there, for the error message
   * @throws UncheckedIOException when no local port can be bound
   */
  static ServerSocket bindFreePort(String what) {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a local port for the " + what, e);
    }
  }

  /**
   * Daemon threads named {@code prefix1}, {@code prefix2}, ... so a test JVM never waits on them.
   */
  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
