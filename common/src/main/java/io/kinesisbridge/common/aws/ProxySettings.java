package io.kinesisbridge.common.aws;

import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP proxy the AWS clients connect through: {@code aws.proxy.url} and its credentials and
 * exceptions, parsed. Only built when {@code aws.proxy.url} is set.
 *
 * <p>The password is only reachable from this package, like the other secrets of {@link
 * AwsSettings}; {@link #toString()} hides it.
 */
public final class ProxySettings {

  private final String scheme;
  private final String host;
  private final int port;
  private final String username;
  private final Password password;
  private final List<String> nonProxyHosts;

  private ProxySettings(URI url, String username, Password password, List<String> nonProxyHosts) {
    this.scheme = url.getScheme().toLowerCase(Locale.ROOT);
    this.host = url.getHost();
    this.port = url.getPort();
    this.username = username;
    this.password = password;
    this.nonProxyHosts = List.copyOf(nonProxyHosts);
  }

  /**
   * The proxy settings of a parsed AWS group; empty when {@code aws.proxy.url} is not set.
   *
   * @param parsed values as parsed by the ConfigDef, so the URL has passed its validator
   */
  static Optional<ProxySettings> from(Map<String, ?> parsed) {
    String url = text(parsed.get(AwsProxyConfig.PROXY_URL_CONFIG));
    if (url == null) {
      return Optional.empty();
    }
    Object pw = parsed.get(AwsProxyConfig.PROXY_PASSWORD_CONFIG);
    Password password = pw instanceof Password p && !p.value().isEmpty() ? p : null;
    Object hosts = parsed.get(AwsProxyConfig.NON_PROXY_HOSTS_CONFIG);
    List<String> nonProxyHosts =
        hosts instanceof List<?> list
            ? list.stream().map(h -> h.toString().trim()).filter(h -> !h.isEmpty()).toList()
            : List.of();
    return Optional.of(
        new ProxySettings(
            URI.create(url),
            text(parsed.get(AwsProxyConfig.PROXY_USERNAME_CONFIG)),
            password,
            nonProxyHosts));
  }

  /** {@code http} or {@code https}: how the clients talk to the proxy itself. */
  public String scheme() {
    return scheme;
  }

  /** The proxy's host name or address. */
  public String host() {
    return host;
  }

  /** The proxy's port. */
  public int port() {
    return port;
  }

  /** {@code scheme://host:port} of the proxy, without credentials. */
  public URI url() {
    return URI.create(scheme + "://" + host + ":" + port);
  }

  /** The user name for Basic proxy authentication, if the proxy needs one. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The proxy password; package-private so that only the HTTP client code can read it. */
  Optional<Password> password() {
    return Optional.ofNullable(password);
  }

  /** The configured host patterns that bypass the proxy, as written ({@code *} wildcards). */
  public List<String> nonProxyHosts() {
    return nonProxyHosts;
  }

  /**
   * The non-proxy hosts as the regular expressions both SDK HTTP clients match a target host
   * against ({@code host.matches(pattern)}): literal text quoted, {@code *} as {@code .*}, case
   * ignored.
   */
  public Set<String> nonProxyHostPatterns() {
    return nonProxyHosts.stream()
        .map(ProxySettings::globToRegex)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  static String globToRegex(String glob) {
    String[] literals = glob.split("\\*", -1);
    StringBuilder regex = new StringBuilder("(?i)");
    for (int i = 0; i < literals.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      if (!literals[i].isEmpty()) {
        regex.append(Pattern.quote(literals[i]));
      }
    }
    return regex.toString();
  }

  /** The URL, user name and bypass list; the password shown as {@code [hidden]}. */
  @Override
  public String toString() {
    return "Proxy{url="
        + url()
        + ", username="
        + username().orElse("<unset>")
        + ", password="
        + password().map(p -> Password.HIDDEN).orElse("<unset>")
        + ", nonProxyHosts="
        + nonProxyHosts
        + "}";
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.toString().trim();
    return trimmed.isEmpty() ? null : trimmed;
  }
}
