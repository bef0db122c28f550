package io.kinesisbridge.common.aws;

import org.apache.kafka.common.config.types.Password;

/**
 * Turns {@link ProxySettings} into the proxy configuration of each SDK HTTP client. The two clients
 * take different classes with different builders, so each gets its own pure function here.
 *
 * <p>Both configurations are complete on their own: reading the JVM's {@code http(s).proxy*} and
 * {@code http.nonProxyHosts} system properties and the {@code HTTPS_PROXY} / {@code NO_PROXY}
 * environment variables is switched off, so the connector config alone decides, and a worker's
 * default bypass list (often {@code localhost|127.*}) cannot silently route around the proxy. Basic
 * credentials are sent with the first request (the Netty client always does so; for the Apache
 * client it saves a 407 round trip per connection).
 */
final class HttpProxies {

  private HttpProxies() {}

  /** The proxy configuration of the sync Apache HttpClient 5 client. */
  static software.amazon.awssdk.http.apache5.ProxyConfiguration apache(ProxySettings proxy) {
    var builder =
        software.amazon.awssdk.http.apache5.ProxyConfiguration.builder()
            .endpoint(proxy.url())
            .nonProxyHosts(proxy.nonProxyHostPatterns())
            .useSystemPropertyValues(false)
            .useEnvironmentVariableValues(false);
    proxy
        .username()
        .ifPresent(
            user ->
                builder
                    .username(user)
                    .password(password(proxy))
                    .preemptiveBasicAuthenticationEnabled(true));
    return builder.build();
  }

  /** The proxy configuration of the async Netty client (HTTP/1.1 and HTTP/2 alike). */
  static software.amazon.awssdk.http.nio.netty.ProxyConfiguration netty(ProxySettings proxy) {
    var builder =
        software.amazon.awssdk.http.nio.netty.ProxyConfiguration.builder()
            .scheme(proxy.scheme())
            .host(proxy.host())
            .port(proxy.port())
            .nonProxyHosts(proxy.nonProxyHostPatterns())
            .useSystemPropertyValues(false)
            .useEnvironmentVariableValues(false);
    proxy.username().ifPresent(user -> builder.username(user).password(password(proxy)));
    return builder.build();
  }

  /** Empty when only a user name is set: both clients need a non-null password to send one. */
  private static String password(ProxySettings proxy) {
    return proxy.password().map(Password::value).orElse("");
  }
}
