package io.kinesisbridge.sink.key;

import io.kinesisbridge.common.convert.FieldPath;

import java.util.Locale;

/** Parses the forms of {@code kinesis.partition.key} into strategies. */
final class PartitionKeySpecs {

  static final String KEY = "key";
  static final String TOPIC_PARTITION = "topic-partition";
  static final String RANDOM = "random";
  static final String FIELD_PREFIX = "field:";
  static final String HEADER_PREFIX = "header:";

  /** The valid forms, as the config reference lists them. */
  static final String FORMS = "[key, topic-partition, random, field:<path>, header:<name>]";

  private static final String VALID_FORMS =
      "Use one of: 'key' (the record key), 'topic-partition', 'random', 'field:<path>' (a dotted"
          + " path into the record value, e.g. field:customer.id) or 'header:<name>' (the last"
          + " header with that name).";

  private PartitionKeySpecs() {}

  static PartitionKeyStrategy parse(String spec) {
    String trimmed = spec == null ? "" : spec.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("The partition key source is empty. " + VALID_FORMS);
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    switch (lower) {
      case KEY:
        return new SourcedKeyStrategy(KEY, KeySources.recordKey());
      case TOPIC_PARTITION:
        return new SourcedKeyStrategy(TOPIC_PARTITION, KeySources.topicPartition());
      case RANDOM:
        return new SourcedKeyStrategy(RANDOM, KeySources.random());
      default:
        break;
    }
    if (lower.startsWith(FIELD_PREFIX)) {
      FieldPath path = fieldPath(trimmed, argument(trimmed, FIELD_PREFIX, "a dotted path"));
      return new SourcedKeyStrategy(FIELD_PREFIX + path.path(), KeySources.field(path));
    }
    if (lower.startsWith(HEADER_PREFIX)) {
      String name = argument(trimmed, HEADER_PREFIX, "a header name");
      return new SourcedKeyStrategy(HEADER_PREFIX + name, KeySources.header(name));
    }
    throw new IllegalArgumentException(
        "'" + trimmed + "' is not a partition key source. " + VALID_FORMS);
  }

  private static String argument(String spec, String prefix, String what) {
    String argument = spec.substring(prefix.length()).trim();
    if (argument.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + spec + "' needs " + what + " after '" + prefix + "'. " + VALID_FORMS);
    }
    return argument;
  }

  private static FieldPath fieldPath(String spec, String path) {
    try {
      return FieldPath.parse(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + spec + "': " + e.getMessage() + ". " + VALID_FORMS, e);
    }
  }
}
