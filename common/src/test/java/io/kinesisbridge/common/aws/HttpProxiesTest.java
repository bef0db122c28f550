package io.kinesisbridge.common.aws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy configuration handed to each SDK HTTP client builder, read through its public API. */
class HttpProxiesTest {

  private static ProxySettings proxy(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return AwsSettings.from(props).proxy().orElseThrow();
  }

  private static final ProxySettings AUTHENTICATED =
      proxy(
          AwsProxyConfig.PROXY_URL_CONFIG, "http://proxy.corp:3128",
          AwsProxyConfig.PROXY_USERNAME_CONFIG, "alice",
          AwsProxyConfig.PROXY_PASSWORD_CONFIG, "s3cr3t",
          AwsProxyConfig.NON_PROXY_HOSTS_CONFIG, "localhost,*.internal");

  @Test
  void theApacheClientGetsHostPortCredentialsAndPreemptiveBasicAuth() {
    var apache = HttpProxies.apache(AUTHENTICATED);

    assertThat(apache.scheme()).isEqualTo("http");
    assertThat(apache.host()).isEqualTo("proxy.corp");
    assertThat(apache.port()).isEqualTo(3128);
    assertThat(apache.username()).isEqualTo("alice");
    assertThat(apache.password()).isEqualTo("s3cr3t");
    assertThat(apache.preemptiveBasicAuthenticationEnabled()).isTrue();
    assertThat(apache.nonProxyHosts()).isEqualTo(AUTHENTICATED.nonProxyHostPatterns());
  }

  @Test
  void theNettyClientGetsHostPortCredentials() {
    var netty = HttpProxies.netty(AUTHENTICATED);

    assertThat(netty.scheme()).isEqualTo("http");
    assertThat(netty.host()).isEqualTo("proxy.corp");
    assertThat(netty.port()).isEqualTo(3128);
    assertThat(netty.username()).isEqualTo("alice");
    assertThat(netty.password()).isEqualTo("s3cr3t");
    assertThat(netty.nonProxyHosts()).isEqualTo(AUTHENTICATED.nonProxyHostPatterns());
  }

  @Test
  void aTlsProxyKeepsItsHttpsSchemeInBothClients() {
    ProxySettings tls = proxy(AwsProxyConfig.PROXY_URL_CONFIG, "https://proxy.corp:3129");

    assertThat(HttpProxies.apache(tls).scheme()).isEqualTo("https");
    assertThat(HttpProxies.netty(tls).scheme()).isEqualTo("https");
    assertThat(HttpProxies.netty(tls).port()).isEqualTo(3129);
  }

  @Test
  void withoutCredentialsNeitherClientAuthenticates() {
    ProxySettings open = proxy(AwsProxyConfig.PROXY_URL_CONFIG, "http://proxy.corp:3128");

    assertThat(HttpProxies.apache(open).username()).isNull();
    assertThat(HttpProxies.apache(open).preemptiveBasicAuthenticationEnabled()).isFalse();
    assertThat(HttpProxies.netty(open).username()).isNull();
  }

  @Test
  void aUserNameWithoutPasswordSendsAnEmptyPassword() {
    ProxySettings userOnly =
        proxy(
            AwsProxyConfig.PROXY_URL_CONFIG, "http://proxy.corp:3128",
            AwsProxyConfig.PROXY_USERNAME_CONFIG, "alice");

    assertThat(HttpProxies.apache(userOnly).password()).isEmpty();
    assertThat(HttpProxies.netty(userOnly).password()).isEmpty();
  }

  /**
   * The JVM's proxy properties must not fill gaps in the connector's proxy: a worker started with
   * {@code -Dhttp.nonProxyHosts=localhost} or {@code -Dhttp.proxyUser} would otherwise bypass the
   * proxy for kinesis-mock or send other credentials.
   */
  @Test
  void theJvmsProxySystemPropertiesDoNotLeakIn() {
    Map<String, String> jvm =
        Map.of(
            "http.nonProxyHosts", "localhost|127.*",
            "http.proxyUser", "mallory",
            "http.proxyPassword", "other",
            "https.proxyUser", "mallory",
            "https.proxyPassword", "other");
    Map<String, String> saved = new HashMap<>();
    jvm.forEach((key, value) -> saved.put(key, System.setProperty(key, value)));
    try {
      ProxySettings open = proxy(AwsProxyConfig.PROXY_URL_CONFIG, "http://proxy.corp:3128");

      assertThat(HttpProxies.apache(open).nonProxyHosts()).isEmpty();
      assertThat(HttpProxies.apache(open).username()).isNull();
      assertThat(HttpProxies.netty(open).nonProxyHosts()).isEmpty();
      assertThat(HttpProxies.netty(open).username()).isNull();
    } finally {
      saved.forEach(
          (key, value) -> {
            if (value == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, value);
            }
          });
    }
  }

  /** Both clients bypass the proxy for a host when {@code host.matches(pattern)} holds. */
  @ParameterizedTest(name = "{0} against {1}: bypass={2}")
  @CsvSource({
    "localhost, localhost, true",
    "localhost, LOCALHOST, true",
    "localhost, localhost.corp, false",
    "*.internal, kinesis.eu-west-1.internal, true",
    "*.internal, internal, false",
    "*.internal, kinesis.internal.evil.com, false",
    "10.0.*, 10.0.3.7, true",
    "10.0.*, 110.0.3.7, false",
    "kinesis.*.amazonaws.com, kinesis.us-east-1.amazonaws.com, true",
    "kinesis.*.amazonaws.com, kinesisXus-east-1.amazonaws.com, false"
  })
  void nonProxyHostPatternsMatchLikeTheirGlob(String glob, String host, boolean bypass) {
    ProxySettings settings =
        proxy(
            AwsProxyConfig.PROXY_URL_CONFIG,
            "http://proxy.corp:3128",
            AwsProxyConfig.NON_PROXY_HOSTS_CONFIG,
            glob);

    assertThat(settings.nonProxyHostPatterns())
        .singleElement()
        .satisfies(pattern -> assertThat(host.matches(pattern)).isEqualTo(bypass));
  }
}
