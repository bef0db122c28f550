package io.kinesisbridge.common.config;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts cross-field validation messages into the {@link Config} a connector's {@code validate()}
 * returns, so the Connect REST {@code validate} response shows each message next to its key.
 *
 * <p>Typical use in a connector:
 *
 * <pre>{@code
 * public Config validate(Map<String, String> props) {
 *   Config config = super.validate(props);
 *   return ConfigErrors.addTo(config, AwsConfig.validate(props, streamArns(props)));
 * }
 * }</pre>
 */
public final class ConfigErrors {

  private ConfigErrors() {}

  /**
   * Adds each message to the {@link ConfigValue} of its key. A key the ConfigDef did not define
   * gets a new {@code ConfigValue}, so no message is ever dropped.
   *
   * @param config the result of {@code ConfigDef.validate} or {@code Connector.validate}
   * @param errorsByKey one plain-words message per config key; may be empty
   * @return {@code config}, or a copy with the extra {@code ConfigValue}s appended
   */
  public static Config addTo(Config config, Map<String, String> errorsByKey) {
    if (errorsByKey.isEmpty()) {
      return config;
    }
    List<ConfigValue> values = new ArrayList<>(config.configValues());
    for (Map.Entry<String, String> error : errorsByKey.entrySet()) {
      ConfigValue target = find(values, error.getKey());
      if (target == null) {
        target = new ConfigValue(error.getKey());
        values.add(target);
      }
      target.addErrorMessage(error.getValue());
    }
    return values.size() == config.configValues().size() ? config : new Config(values);
  }

  private static ConfigValue find(List<ConfigValue> values, String name) {
    for (ConfigValue value : values) {
      if (value.name().equals(name)) {
        return value;
      }
    }
    return null;
  }
}
