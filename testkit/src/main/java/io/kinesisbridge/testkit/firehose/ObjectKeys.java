package io.kinesisbridge.testkit.firehose;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Firehose's S3 key layout: {@code <evaluated prefix><stream>-<version>-yyyy-MM-dd-HH-mm-ss-<uuid>}
 * in UTC, where the evaluated prefix is the configured prefix followed by {@code YYYY/MM/dd/HH/}
 * unless the prefix holds its own {@code !{timestamp:...}} expression. All times are the arrival
 * time of the oldest record in the object ("Configure Amazon S3 object name format" and "Custom
 * Prefixes for Amazon S3 Objects" in the Amazon Data Firehose developer guide).
 *
 * <p>Of the prefix expressions, {@code !{timestamp:<DateTimeFormatter pattern>}} and {@code
 * !{firehose:random-string}} are evaluated; dynamic partitioning ({@code partitionKeyFromQuery},
 * {@code partitionKeyFromLambda}) is not, and a stream that uses it is refused at creation.
 */
final class ObjectKeys {

  private static final DateTimeFormatter HOUR_PREFIX =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SUFFIX_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
  private static final Pattern EXPRESSION = Pattern.compile("!\\{([^:}]*):([^}]*)}");
  private static final String RANDOM_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int RANDOM_STRING_LENGTH = 11;

  private ObjectKeys() {}

  /** The key of an object of {@code stream} whose oldest record arrived at {@code oldest}. */
  static String key(String stream, int version, String prefix, Instant oldest) {
    return evaluate(prefix, oldest)
        + stream
        + "-"
        + version
        + "-"
        + SUFFIX_TIME.format(oldest)
        + "-"
        + UUID.randomUUID();
  }

  /** What is wrong with the expressions of {@code prefix}, for an InvalidArgumentException. */
  static List<String> problems(String prefix) {
    List<String> problems = new ArrayList<>();
    Matcher matcher = EXPRESSION.matcher(prefix);
    while (matcher.find()) {
      String namespace = matcher.group(1);
      String value = matcher.group(2);
      if (namespace.equals("timestamp")) {
        try {
          DateTimeFormatter.ofPattern(value);
        } catch (IllegalArgumentException e) {
          problems.add("Invalid timestamp format " + value + " in prefix: " + e.getMessage());
        }
      } else if (!(namespace.equals("firehose") && value.equals("random-string"))) {
        problems.add(
            "The expression "
                + matcher.group()
                + " is not supported by this Firehose test fixture (only !{timestamp:...} and"
                + " !{firehose:random-string} are).");
      }
    }
    return problems;
  }

  private static String evaluate(String prefix, Instant oldest) {
    Matcher matcher = EXPRESSION.matcher(prefix);
    StringBuilder out = new StringBuilder();
    boolean timestamped = false;
    while (matcher.find()) {
      String replacement;
      if (matcher.group(1).equals("timestamp")) {
        timestamped = true;
        replacement =
            DateTimeFormatter.ofPattern(matcher.group(2)).withZone(ZoneOffset.UTC).format(oldest);
      } else {
        replacement = randomString();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    if (!timestamped) {
      out.append(HOUR_PREFIX.format(oldest));
    }
    return out.toString();
  }

  private static String randomString() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder out = new StringBuilder(RANDOM_STRING_LENGTH);
    for (int i = 0; i < RANDOM_STRING_LENGTH; i++) {
      out.append(RANDOM_CHARS.charAt(random.nextInt(RANDOM_CHARS.length())));
    }
    return out.toString();
  }
}
