package io.kinesisbridge.common.aws;

import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.utils.AttributeMap;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTP client builders for the SDK clients. Builders, not built clients, are handed to the SDK so
 * that every service client owns its HTTP client and closes it when it is closed itself.
 *
 * <p>Trust-all is applied through the SDK's own {@link
 * SdkHttpConfigurationOption#TRUST_ALL_CERTIFICATES} attribute (which also makes the SDK log a
 * warning) by wrapping the builder, because the Netty and Apache builders only take it as a default
 * at build time.
 */
final class HttpClients {

  /** Window and ping period AWS's KCL uses for SubscribeToShard over HTTP/2. */
  private static final int HTTP2_INITIAL_WINDOW_BYTES = 512 * 1024;

  private static final Duration HTTP2_PING_PERIOD = Duration.ofSeconds(10);

  private static final AttributeMap TRUST_ALL =
      AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build();

  private HttpClients() {}

  /**
   * A Netty builder for {@code options} against the settings' endpoint (none: AWS's https
   * endpoint), through the settings' proxy if any.
   *
   * <p>HTTP/2 through a proxy runs on a single event loop. The SDK opens the CONNECT tunnel on the
   * channel's event loop but sets up the connection inside it (h2c handlers, or TLS and the ALPN
   * handler) from a listener on its pool's event loop, which with several loops is usually another
   * thread. What decides the protocol can then arrive before the handler waiting for it is in place
   * (the server's SETTINGS frame, the end of the TLS handshake): it is dropped, the connection
   * never becomes usable, and every later request of the client waits on it until its acquire
   * timeout, so an enhanced fan-out task reads nothing. With one loop the listener runs on the
   * channel's own thread, inside the read that brought the proxy's {@code 200}, so the set-up is in
   * place before the next read. One thread carries a task's subscriptions easily: they are few, and
   * all of them pass through the proxy anyway.
   *
   * <p>Not covered: bytes that arrive in the same read as the proxy's {@code 200} are still dropped
   * by the SDK. That only matters for a server that speaks first in a tunnel; Kinesis (TLS: the
   * client speaks first) and kinesis-mock's h2c (SETTINGS after the client's preface) do not.
   */
  static SdkAsyncHttpClient.Builder<?> netty(AsyncClientOptions options, AwsSettings settings) {
    Optional<URI> endpoint = settings.endpointOverride();
    NettyNioAsyncHttpClient.Builder netty =
        NettyNioAsyncHttpClient.builder()
            .protocol(options.protocol())
            .protocolNegotiation(negotiation(options.protocol(), endpoint))
            .maxConcurrency(options.maxConcurrency());
    if (options.protocol() == Protocol.HTTP2) {
      netty.http2Configuration(
          h2 ->
              h2.initialWindowSize(HTTP2_INITIAL_WINDOW_BYTES)
                  .healthCheckPingPeriod(HTTP2_PING_PERIOD));
    }
    settings.proxy().map(HttpProxies::netty).ifPresent(netty::proxyConfiguration);
    if (options.protocol() == Protocol.HTTP2 && settings.proxy().isPresent()) {
      netty.eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(1));
    }
    return settings.trustAllCertificates() ? new TrustAllAsync(netty) : netty;
  }

  /** An Apache HttpClient 5 builder for the sync clients, through the settings' proxy if any. */
  static SdkHttpClient.Builder<?> apache(AwsSettings settings) {
    return apache(settings, settings.trustAllCertificates());
  }

  /**
   * As {@link #apache(AwsSettings)}, trusting every certificate only when {@code trustAll}: for a
   * client whose endpoint is not {@code aws.endpoint.url}, which the trust-all setting is about.
   */
  static SdkHttpClient.Builder<?> apache(AwsSettings settings, boolean trustAll) {
    Apache5HttpClient.Builder apache = Apache5HttpClient.builder();
    settings.proxy().map(HttpProxies::apache).ifPresent(apache::proxyConfiguration);
    return trustAll ? new TrustAllSync(apache) : apache;
  }

  /**
   * ALPN on TLS endpoints; prior knowledge on cleartext ones, where ALPN cannot run (the Netty
   * client refuses ALPN over {@code http://}) and HTTP/2 means h2c from the first byte.
   */
  static ProtocolNegotiation negotiation(Protocol protocol, Optional<URI> endpoint) {
    boolean cleartext = endpoint.map(uri -> "http".equalsIgnoreCase(uri.getScheme())).orElse(false);
    if (protocol == Protocol.HTTP2 && !cleartext) {
      return ProtocolNegotiation.ALPN;
    }
    return ProtocolNegotiation.ASSUME_PROTOCOL;
  }

  private static final class TrustAllAsync implements SdkAsyncHttpClient.Builder<TrustAllAsync> {
    private final NettyNioAsyncHttpClient.Builder delegate;

    TrustAllAsync(NettyNioAsyncHttpClient.Builder delegate) {
      this.delegate = delegate;
    }

    @Override
    public SdkAsyncHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
      return delegate.buildWithDefaults(TRUST_ALL.merge(serviceDefaults));
    }
  }

  private static final class TrustAllSync implements SdkHttpClient.Builder<TrustAllSync> {
    private final Apache5HttpClient.Builder delegate;

    TrustAllSync(Apache5HttpClient.Builder delegate) {
      this.delegate = delegate;
    }

    @Override
    public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
      return delegate.buildWithDefaults(TRUST_ALL.merge(serviceDefaults));
    }
  }
}
