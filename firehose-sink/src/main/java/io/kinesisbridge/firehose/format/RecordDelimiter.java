package io.kinesisbridge.firehose.format;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The bytes written after every record, because Firehose itself adds nothing between records.
 *
 * <p>Configured as text: {@code none} for no delimiter, otherwise the characters to write, where
 * {@code \n} (line feed), {@code \r} (carriage return), {@code \t} (tab) and {@code \\} (a
 * backslash) are escapes, so {@code \n} and {@code \r\n} can be typed in a JSON config. Other
 * characters stand for themselves (UTF-8); any other backslash sequence is an error, so a typo such
 * as {@code \m} is not silently written to every record. Immutable.
 */
public final class RecordDelimiter {

  /** The configured value that means no delimiter. */
  public static final String NONE = "none";

  /** A line feed, written as its escape. */
  public static final String DEFAULT = "\\n";

  /** The longest delimiter, in UTF-8 bytes; anything longer is surely a mistake. */
  static final int MAX_BYTES = 16;

  /** Checks the configured text; blank values pass, see {@link #parse}. */
  public static final ConfigDef.Validator VALIDATOR = new Validator();

  private final String text;
  private final byte[] bytes;

  private RecordDelimiter(String text) {
    this.text = text;
    this.bytes = text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses the configured value. It must be the raw value: Kafka trims string settings, which would
   * turn a real line feed (as a JSON config may carry it) into nothing.
   *
   * @throws IllegalArgumentException with a message in plain words
   */
  public static RecordDelimiter parse(String configured) {
    if (configured == null || configured.isEmpty()) {
      throw new IllegalArgumentException(
          "is empty: write 'none' for no delimiter, or e.g. \\n for a line feed");
    }
    if (configured.trim().toLowerCase(Locale.ROOT).equals(NONE)) {
      return new RecordDelimiter("");
    }
    RecordDelimiter delimiter = new RecordDelimiter(unescape(configured));
    if (delimiter.bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "is " + delimiter.bytes.length + " bytes long; at most " + MAX_BYTES + " are allowed");
    }
    return delimiter;
  }

  private static String unescape(String configured) {
    StringBuilder out = new StringBuilder(configured.length());
    for (int i = 0; i < configured.length(); i++) {
      char c = configured.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = i + 1 < configured.length() ? configured.charAt(i + 1) : ' ';
      switch (next) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case '\\' -> out.append('\\');
        default ->
            throw new IllegalArgumentException(
                "has an unknown escape at position "
                    + (i + 1)
                    + ": only \\n, \\r, \\t and \\\\ are escapes");
      }
      i++;
    }
    return out.toString();
  }

  /** Whether no delimiter is written. */
  public boolean isNone() {
    return bytes.length == 0;
  }

  /** The delimiter's characters (empty for none). */
  public String text() {
    return text;
  }

  /** A copy of the delimiter's UTF-8 bytes (empty for none). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The delimiter as it would be configured, e.g. {@code \r\n} or {@code none}, for log lines. */
  @Override
  public String toString() {
    if (isNone()) {
      return NONE;
    }
    return text.replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RecordDelimiter that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  private static final class Validator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      // Blank means whitespace the worker trimmed away; the raw value is checked by validate().
      if (value == null || value.toString().isBlank()) {
        return;
      }
      try {
        parse(value.toString());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "none, or text with the escapes \\n, \\r, \\t, \\\\ (e.g. \\n or \\r\\n)";
    }
  }
}
