package io.kinesisbridge.common.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enhanced fan-out client (HTTP/2) through an HTTP proxy's CONNECT tunnel, against a fake that
 * is both the proxy and an h2c server answering the client's preface at once, as kinesis-mock does.
 *
 * <p>The SDK opens the tunnel on the channel's event loop but installs the HTTP/2 handlers from a
 * listener on its pool's event loop. With several loops that is another thread, and the server's
 * SETTINGS frame can be read before the handler waiting for it is in place: it is dropped, the
 * connection never becomes usable and every request of the client waits on it (HttpProxyIT's
 * enhanced fan-out reader read nothing in two minutes). Whether the frame is lost depends on thread
 * timing, so the test also checks the cause: a proxied HTTP/2 client runs on one event loop.
 */
class Http2ThroughProxyTest {

  private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};
  private static final int PREFACE_BYTES = 24;
  private static final int HEADERS = 1;

  @Test
  void theTunnelAndTheHttp2ConnectionInsideItAreSetUpOnOneEventLoop() throws Exception {
    Set<String> loopsBefore = eventLoopThreads();
    try (FakeProxyAndH2cServer fake = new FakeProxyAndH2cServer();
        AwsClientFactory factory = AwsClientFactory.create(settings(fake.port()));
        KinesisAsyncClient client = factory.kinesisAsync(AsyncClientOptions.enhancedFanOut())) {
      client.describeStreamSummary(b -> b.streamName("orders"));

      assertThat(fake.requestHeaders().get(5, TimeUnit.SECONDS))
          .as("a HEADERS frame of the request reached the server through the tunnel")
          .isTrue();
      Set<String> started = eventLoopThreads();
      started.removeAll(loopsBefore);
      assertThat(started)
          .as("event loops the client started: with more, its HTTP/2 set-up races the server")
          .hasSize(1);
    }
  }

  private static Set<String> eventLoopThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("aws-java-sdk-NettyEventLoop-"))
        .collect(Collectors.toCollection(HashSet::new));
  }

  private static AwsSettings settings(int port) {
    Map<String, String> props = new HashMap<>();
    props.put(AwsConfig.REGION_CONFIG, "eu-west-1");
    props.put(AwsConfig.ENDPOINT_URL_CONFIG, "http://127.0.0.1:" + port);
    props.put(AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "static");
    props.put(AwsConfig.ACCESS_KEY_ID_CONFIG, "AKIAEXAMPLE");
    props.put(AwsConfig.SECRET_ACCESS_KEY_CONFIG, "secret");
    props.put(AwsProxyConfig.PROXY_URL_CONFIG, "http://127.0.0.1:" + port);
    return AwsSettings.from(props);
  }

  /**
   * Accepts one connection, answers its CONNECT with {@code 200}, then, as soon as the client's
   * HTTP/2 preface is in, an empty SETTINGS frame (as kinesis-mock does), and reads the client's
   * frames until a HEADERS frame comes. The event-loop count is the check that fails without the
   * fix; the request getting through fails only when the race is lost, which is timing-bound.
   */
  private static final class FakeProxyAndH2cServer implements AutoCloseable {

    private final ServerSocket server;
    private final CompletableFuture<Boolean> requestHeaders = new CompletableFuture<>();
    private volatile Socket client;

    FakeProxyAndH2cServer() throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread thread = new Thread(this::serve, "fake-proxy-h2c");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    CompletableFuture<Boolean> requestHeaders() {
      return requestHeaders;
    }

    private void serve() {
      try {
        client = server.accept();
        DataInputStream in = new DataInputStream(client.getInputStream());
        readHead(in);
        OutputStream out = client.getOutputStream();
        out.write(
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in.readFully(new byte[PREFACE_BYTES]);
        out.write(EMPTY_SETTINGS); // at once, so it races the client's pipeline set-up
        out.flush();
        while (true) {
          byte[] header = new byte[9];
          in.readFully(header);
          int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | (header[2] & 0xff);
          in.readFully(new byte[length]);
          if (header[3] == HEADERS) {
            requestHeaders.complete(true);
            close(); // the request and its retries fail at once, so the client closes quickly
            return;
          }
        }
      } catch (IOException e) {
        requestHeaders.completeExceptionally(e);
      }
    }

    private static void readHead(InputStream in) throws IOException {
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("the client closed inside its CONNECT request");
        }
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
    }

    /** Closes both sockets, which ends the serving thread. */
    @Override
    public void close() throws IOException {
      server.close();
      Socket accepted = client;
      if (accepted != null) {
        accepted.close();
      }
    }
  }
}
