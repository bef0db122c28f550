package io.kinesisbridge.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code key=value} arguments the harness commands share, and their common values. */
final class KeyValueArgs {

  private KeyValueArgs() {}

  /**
   * Each {@code key=value} (a leading {@code --} allowed) in the order given, a repeated key
   * keeping its last value; anything else is refused with {@code usage}.
   */
  static Map<String, String> parse(Iterable<String> args, String usage) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      String token = arg.startsWith("--") ? arg.substring(2) : arg;
      int eq = token.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got '" + arg + "'\n" + usage);
      }
      values.put(token.substring(0, eq), token.substring(eq + 1));
    }
    return values;
  }

  /** A count that may be written {@code 1_000} or {@code 1,000}; {@code defaultValue} if absent. */
  static long nonNegative(String value, long defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    long parsed = Long.parseLong(value.replace("_", "").replace(",", ""));
    if (parsed < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    return parsed;
  }

  /** The unpacked bundle: {@code value}, else the system property the Maven profile sets. */
  static Path pluginPath(String value) {
    String path = value != null ? value : System.getProperty(HarnessOptions.PLUGIN_PATH_PROPERTY);
    if (path == null) {
      throw new IllegalArgumentException(
          "no plugin.path: pass plugin.path=<dir> or -D"
              + HarnessOptions.PLUGIN_PATH_PROPERTY
              + " (the Maven profile 'harness' sets it)");
    }
    return Path.of(path);
  }
}
