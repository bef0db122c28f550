package io.kinesisbridge.common.aws;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The HTTP proxy keys of the {@code AWS} group: every AWS client of the bundle (sync and async, STS
 * included) connects through {@code aws.proxy.url} when it is set.
 *
 * <p>Kept apart from {@link AwsConfig} so the proxy rules (URL shape, which key needs which) live
 * in one small place; {@link AwsConfig#addTo(ConfigDef)} adds these keys to the group and {@link
 * AwsConfig#validate} runs {@link #validate(Map, BiConsumer)}.
 */
public final class AwsProxyConfig {

  public static final String PROXY_URL_CONFIG = "aws.proxy.url";
  public static final String PROXY_URL_DOC =
      "HTTP proxy every AWS client connects through, as scheme://host:port, e.g."
          + " http://proxy.corp:3128 (https:// for a proxy that itself speaks TLS). HTTPS requests"
          + " are tunnelled with CONNECT. Empty: the connector sets no proxy and the AWS SDK's"
          + " defaults apply (the JVM's https.proxyHost properties, HTTPS_PROXY).";

  public static final String PROXY_USERNAME_CONFIG = "aws.proxy.username";
  public static final String PROXY_USERNAME_DOC =
      "User name for Basic authentication at aws.proxy.url, if the proxy requires it.";

  public static final String PROXY_PASSWORD_CONFIG = "aws.proxy.password";
  public static final String PROXY_PASSWORD_DOC =
      "Password for Basic authentication at aws.proxy.url; needs aws.proxy.username. Never logged.";

  public static final String NON_PROXY_HOSTS_CONFIG = "aws.proxy.non.proxy.hosts";
  public static final String NON_PROXY_HOSTS_DOC =
      "Hosts the AWS clients reach directly, bypassing aws.proxy.url: a comma-separated list of"
          + " host names in which * matches any characters, e.g. localhost,*.internal. Matching"
          + " ignores case. Empty: every request goes through the proxy, localhost included.";

  /** Characters a non-proxy host pattern may hold: a host name, an IP address, and {@code *}. */
  static final Pattern HOST_PATTERN = Pattern.compile("[A-Za-z0-9*.:_-]+");

  private static final int FIRST_ORDER_IN_GROUP = 16;

  private AwsProxyConfig() {}

  /** Adds the proxy keys to {@code def}, after the other keys of the AWS group. */
  static void addTo(ConfigDef def) {
    int order = FIRST_ORDER_IN_GROUP;
    def.define(
        PROXY_URL_CONFIG,
        Type.STRING,
        null,
        new ProxyUrlValidator(),
        Importance.MEDIUM,
        PROXY_URL_DOC,
        AwsConfig.GROUP,
        order++,
        Width.LONG,
        "HTTP proxy URL");
    def.define(
        PROXY_USERNAME_CONFIG,
        Type.STRING,
        null,
        Importance.LOW,
        PROXY_USERNAME_DOC,
        AwsConfig.GROUP,
        order++,
        Width.MEDIUM,
        "Proxy user name");
    def.define(
        PROXY_PASSWORD_CONFIG,
        Type.PASSWORD,
        null,
        Importance.LOW,
        PROXY_PASSWORD_DOC,
        AwsConfig.GROUP,
        order++,
        Width.MEDIUM,
        "Proxy password");
    def.define(
        NON_PROXY_HOSTS_CONFIG,
        Type.LIST,
        "",
        new HostPatternsValidator(),
        Importance.LOW,
        NON_PROXY_HOSTS_DOC,
        AwsConfig.GROUP,
        order,
        Width.LONG,
        "Hosts that bypass the proxy");
  }

  /**
   * What is wrong with a proxy URL, in plain words; {@code null} when it is usable.
   *
   * @param value the configured URL, not blank
   */
  static String urlProblem(String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      return "is not a valid URL (" + e.getReason() + "); write it as http://proxy.corp:3128";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()) {
      return "must start with http:// or https://, e.g. http://proxy.corp:3128";
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "uses the scheme '"
          + uri.getScheme()
          + "', which the AWS SDK's HTTP clients cannot use for a proxy; use http:// (or"
          + " https:// for a TLS proxy). SOCKS proxies are not supported";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "must name a host, e.g. http://proxy.corp:3128";
    }
    if (uri.getPort() < 0) {
      return "must name the proxy's port, e.g. http://" + uri.getHost() + ":3128";
    }
    if (uri.getUserInfo() != null) {
      // Credentials in a URL end up in logs and REST responses; the password key is masked.
      return "must not carry a user name or password; set "
          + PROXY_USERNAME_CONFIG
          + " and "
          + PROXY_PASSWORD_CONFIG
          + " instead";
    }
    boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty();
    if (hasPath && !uri.getRawPath().equals("/")
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      return "must be only scheme://host:port, without a path, query or fragment";
    }
    return null;
  }

  /**
   * The cross-field rules of the proxy keys: credentials need the key they build on.
   *
   * @param props the raw connector config
   * @param errors receives the key at fault and a message that names it
   */
  static void validate(Map<String, String> props, BiConsumer<String, String> errors) {
    boolean url = isSet(props, PROXY_URL_CONFIG);
    boolean username = isSet(props, PROXY_USERNAME_CONFIG);
    if (username && !url) {
      errors.accept(
          PROXY_USERNAME_CONFIG,
          "is set but " + PROXY_URL_CONFIG + " is not: set the proxy URL or remove the user name");
    }
    if (isSet(props, PROXY_PASSWORD_CONFIG) && !username) {
      errors.accept(
          PROXY_PASSWORD_CONFIG,
          "is set but "
              + PROXY_USERNAME_CONFIG
              + " is not: proxy authentication needs both, or neither");
    }
    if (isSet(props, NON_PROXY_HOSTS_CONFIG) && !url) {
      errors.accept(
          NON_PROXY_HOSTS_CONFIG,
          "is only used together with " + PROXY_URL_CONFIG + ", which is not set");
    }
  }

  private static boolean isSet(Map<String, String> props, String key) {
    String value = props.get(key);
    return value != null && !value.isBlank();
  }

  private static final class ProxyUrlValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || value.toString().isBlank()) {
        return;
      }
      String problem = urlProblem(value.toString());
      if (problem != null && value.toString().contains("@")) {
        // The value may carry a password: name the key only.
        throw new ConfigException("The value of " + name + " " + problem);
      }
      if (problem != null) {
        throw new ConfigException(name, value, problem);
      }
    }

    @Override
    public String toString() {
      return "http://host:port or https://host:port";
    }
  }

  private static final class HostPatternsValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (!(value instanceof List<?> hosts)) {
        return;
      }
      for (Object host : hosts) {
        String text = host == null ? "" : host.toString().trim();
        if (!HOST_PATTERN.matcher(text).matches()) {
          throw new ConfigException(
              name,
              value,
              "has the entry '"
                  + text
                  + "', which is not a host name pattern: use host names, IP addresses and *"
                  + " (any characters), separated by commas, e.g. localhost,*.internal");
        }
      }
    }

    @Override
    public String toString() {
      return "host names, * matches any characters";
    }
  }
}
