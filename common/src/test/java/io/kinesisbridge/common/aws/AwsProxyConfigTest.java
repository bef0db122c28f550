package io.kinesisbridge.common.aws;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kinesisbridge.common.aws.AwsProxyConfig.NON_PROXY_HOSTS_CONFIG;
import static io.kinesisbridge.common.aws.AwsProxyConfig.PROXY_PASSWORD_CONFIG;
import static io.kinesisbridge.common.aws.AwsProxyConfig.PROXY_URL_CONFIG;
import static io.kinesisbridge.common.aws.AwsProxyConfig.PROXY_USERNAME_CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

class AwsProxyConfigTest {

  private static Map<String, String> props(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put(AwsConfig.REGION_CONFIG, "us-east-1");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  /** The errors Connect's validate() shows for one key: ConfigDef validators and cross-field. */
  private static List<String> errorsFor(String key, Map<String, String> props) {
    List<String> errors = new java.util.ArrayList<>();
    ConfigDef def = AwsConfig.configDef();
    def.validate(props).stream()
        .filter(value -> value.name().equals(key))
        .map(ConfigValue::errorMessages)
        .forEach(errors::addAll);
    String crossField = new AwsConfigValidation(props, List.of(), Optional::empty).run().get(key);
    if (crossField != null) {
      errors.add(crossField);
    }
    return errors;
  }

  @Test
  void theProxyKeysAreInTheAwsGroupAndThePasswordIsAPassword() {
    Map<String, ConfigDef.ConfigKey> keys = AwsConfig.configDef().configKeys();

    assertThat(keys.get(PROXY_URL_CONFIG).group).isEqualTo(AwsConfig.GROUP);
    assertThat(keys.get(PROXY_PASSWORD_CONFIG).type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(keys.get(NON_PROXY_HOSTS_CONFIG).type).isEqualTo(ConfigDef.Type.LIST);
  }

  @ParameterizedTest(name = "{0} is accepted")
  @ValueSource(
      strings = {
        "http://proxy.corp:3128",
        "https://proxy.corp:3129",
        "HTTP://Proxy.Corp:8080/",
        "http://10.0.0.1:3128",
        "http://[::1]:3128"
      })
  void aProxyUrlWithSchemeHostAndPortIsAccepted(String url) {
    assertThat(errorsFor(PROXY_URL_CONFIG, props(PROXY_URL_CONFIG, url))).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "proxy.corp:3128 | uses the scheme 'proxy.corp', which the AWS SDK's HTTP clients cannot",
        "/just/a/path | must start with http:// or https://",
        "socks5://proxy.corp:1080 | uses the scheme 'socks5'",
        "ftp://proxy.corp:21 | uses the scheme 'ftp'",
        "http://proxy.corp | must name the proxy's port, e.g. http://proxy.corp:3128",
        "http://:3128 | must name a host",
        "http://user:secret@proxy.corp:3128 | must not carry a user name or password",
        "http://proxy.corp:3128/squid | must be only scheme://host:port",
        "http://proxy.corp:3128?a=b | must be only scheme://host:port",
        "http://proxy corp:3128 | is not a valid URL"
      })
  void aBadProxyUrlIsReportedInPlainWords(String url, String message) {
    assertThat(errorsFor(PROXY_URL_CONFIG, props(PROXY_URL_CONFIG, url)))
        .singleElement()
        .asString()
        .contains(message);
  }

  @Test
  void aPasswordInTheUrlIsNeverEchoedInTheMessage() {
    assertThat(
            errorsFor(
                PROXY_URL_CONFIG, props(PROXY_URL_CONFIG, "http://user:s3cr3t@proxy.corp:3128")))
        .singleElement()
        .asString()
        .contains("must not carry a user name or password")
        .doesNotContain("s3cr3t");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "aws.proxy.username | alice | | " + "aws.proxy.username is set but aws.proxy.url is not",
        "aws.proxy.password | secret | | "
            + "aws.proxy.password is set but aws.proxy.username is not",
        "aws.proxy.non.proxy.hosts | localhost | | "
            + "aws.proxy.non.proxy.hosts is only used together with aws.proxy.url",
        "aws.proxy.password | secret | http://proxy.corp:3128 | "
            + "aws.proxy.password is set but aws.proxy.username is not"
      })
  void aProxyKeyWithoutTheKeyItBuildsOnIsReported(
      String key, String value, String url, String message) {
    Map<String, String> props = props(key, value);
    if (url != null) {
      props.put(PROXY_URL_CONFIG, url);
    }

    assertThat(errorsFor(key, props)).singleElement().asString().startsWith(message);
  }

  @Test
  void aUrlWithUserAndPasswordIsConsistent() {
    Map<String, String> props =
        props(
            PROXY_URL_CONFIG, "http://proxy.corp:3128",
            PROXY_USERNAME_CONFIG, "alice",
            PROXY_PASSWORD_CONFIG, "secret",
            NON_PROXY_HOSTS_CONFIG, "localhost, *.internal");

    assertThat(new AwsConfigValidation(props, List.of(), Optional::empty).run()).isEmpty();
    assertThat(AwsConfig.configDef().validate(props))
        .allSatisfy(value -> assertThat(value.errorMessages()).isEmpty());
  }

  @Test
  void aUserNameWithoutPasswordIsAllowedForProxiesThatAskForNoPassword() {
    Map<String, String> props =
        props(PROXY_URL_CONFIG, "http://proxy.corp:3128", PROXY_USERNAME_CONFIG, "alice");

    assertThat(new AwsConfigValidation(props, List.of(), Optional::empty).run()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "localhost;evil | has the entry 'localhost;evil', which is not a host name pattern",
        "'a,,b' | has the entry '', which is not a host name pattern",
        "local host | has the entry 'local host'"
      })
  void aNonProxyHostThatIsNoHostPatternIsReported(String hosts, String message) {
    Map<String, String> props =
        props(PROXY_URL_CONFIG, "http://proxy.corp:3128", NON_PROXY_HOSTS_CONFIG, hosts);

    assertThat(errorsFor(NON_PROXY_HOSTS_CONFIG, props))
        .singleElement()
        .asString()
        .contains(message);
  }
}
