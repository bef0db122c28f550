package io.kinesisbridge.common.aws;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProxySettingsTest {

  @Test
  void withoutAProxyUrlThereIsNoProxy() {
    assertThat(AwsSettings.from(Map.of()).proxy()).isEmpty();
    assertThat(AwsSettings.from(Map.of(AwsProxyConfig.PROXY_URL_CONFIG, "  ")).proxy()).isEmpty();
  }

  @Test
  void theUrlIsReducedToSchemeHostAndPort() {
    ProxySettings proxy =
        AwsSettings.from(Map.of(AwsProxyConfig.PROXY_URL_CONFIG, " HTTP://Proxy.Corp:3128/ "))
            .proxy()
            .orElseThrow();

    assertThat(proxy.scheme()).isEqualTo("http");
    assertThat(proxy.host()).isEqualTo("Proxy.Corp");
    assertThat(proxy.port()).isEqualTo(3128);
    assertThat(proxy.url()).isEqualTo(URI.create("http://Proxy.Corp:3128"));
    assertThat(proxy.username()).isEmpty();
    assertThat(proxy.password()).isEmpty();
    assertThat(proxy.nonProxyHosts()).isEmpty();
  }

  @Test
  void nonProxyHostsAreTrimmedAndKeptInOrder() {
    ProxySettings proxy =
        AwsSettings.from(
                Map.of(
                    AwsProxyConfig.PROXY_URL_CONFIG, "http://proxy.corp:3128",
                    AwsProxyConfig.NON_PROXY_HOSTS_CONFIG, " localhost , *.internal "))
            .proxy()
            .orElseThrow();

    assertThat(proxy.nonProxyHosts()).containsExactly("localhost", "*.internal");
  }

  @Test
  void thePasswordIsHiddenInTheSettingsAndTheProxyText() {
    AwsSettings settings =
        AwsSettings.from(
            Map.of(
                AwsProxyConfig.PROXY_URL_CONFIG, "http://proxy.corp:3128",
                AwsProxyConfig.PROXY_USERNAME_CONFIG, "alice",
                AwsProxyConfig.PROXY_PASSWORD_CONFIG, "s3cr3t"));

    assertThat(settings.proxy().orElseThrow().password())
        .hasValueSatisfying(p -> assertThat(p.value()).isEqualTo("s3cr3t"));
    assertThat(settings.toString())
        .contains("proxy=Proxy{url=http://proxy.corp:3128, username=alice, password=[hidden]")
        .doesNotContain("s3cr3t");
  }
}
