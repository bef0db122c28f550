package io.kinesisbridge.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Single-key validators and recommenders shared by the connectors' ConfigDefs.
 *
 * <p>Every validator here accepts {@code null} and blank strings, because optional keys default to
 * {@code null} and {@link ConfigDef} runs the validator on the default too. Cross-key rules (this
 * key is required when that one is set) belong in the connectors' {@code validate()}, not here.
 *
 * <p>Each validator's {@code toString()} reads well in the rendered config reference, where it
 * fills the "Valid Values" column.
 */
public final class ConfigValidators {

  private ConfigValidators() {}

  /**
   * One of the given lower-case words, compared without regard to case or surrounding blanks.
   *
   * @param values the accepted values, in the order the docs should list them
   */
  public static ConfigDef.Validator oneOf(List<String> values) {
    return new OneOf(List.copyOf(values));
  }

  /** An absolute {@code http} or {@code https} URI with a host, no user info, query or fragment. */
  public static ConfigDef.Validator httpUri() {
    return new HttpUri();
  }

  /**
   * A string matching {@code pattern} in full.
   *
   * @param pattern the pattern the whole value must match
   * @param description what a matching value looks like, in plain words, for errors and docs
   */
  public static ConfigDef.Validator matching(Pattern pattern, String description) {
    return new Matching(pattern, description);
  }

  /** A recommender that offers {@code values} in UIs and is always visible. */
  public static ConfigDef.Recommender recommend(List<String> values) {
    List<Object> copy = List.copyOf(values);
    return new ConfigDef.Recommender() {
      @Override
      public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return copy;
      }

      @Override
      public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
      }
    };
  }

  /**
   * Parses an endpoint URI the way {@link #httpUri()} accepts it.
   *
   * @return a description of what is wrong, or {@code null} when the URI is acceptable
   */
  public static String httpUriProblem(String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      return "is not a valid URI (" + e.getReason() + ")";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      return "must be an absolute http:// or https:// URI, e.g. http://localhost:4566";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "must name a host, e.g. https://kinesis.us-east-1.amazonaws.com";
    }
    if (uri.getUserInfo() != null) {
      // Credentials in a URL end up in logs and REST responses; they belong in the PASSWORD keys.
      return "must not carry user info; put credentials in the aws.* credential keys";
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      return "must not have a query or fragment";
    }
    return null;
  }

  private static boolean isBlank(Object value) {
    return value == null || value.toString().isBlank();
  }

  private static final class OneOf implements ConfigDef.Validator {
    private final List<String> values;

    OneOf(List<String> values) {
      this.values = values;
    }

    @Override
    public void ensureValid(String name, Object value) {
      if (isBlank(value)) {
        return;
      }
      String normalised = value.toString().trim().toLowerCase(Locale.ROOT);
      if (!values.contains(normalised)) {
        throw new ConfigException(name, value, "must be one of " + String.join(", ", values));
      }
    }

    @Override
    public String toString() {
      return values.toString();
    }
  }

  private static final class HttpUri implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (isBlank(value)) {
        return;
      }
      String problem = httpUriProblem(value.toString());
      if (problem != null) {
        throw new ConfigException(name, value, problem);
      }
    }

    @Override
    public String toString() {
      return "absolute http:// or https:// URI";
    }
  }

  private static final class Matching implements ConfigDef.Validator {
    private final Pattern pattern;
    private final String description;

    Matching(Pattern pattern, String description) {
      this.pattern = pattern;
      this.description = description;
    }

    @Override
    public void ensureValid(String name, Object value) {
      if (isBlank(value)) {
        return;
      }
      if (!pattern.matcher(value.toString().trim()).matches()) {
        throw new ConfigException(name, value, "must be " + description);
      }
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
