package io.kinesisbridge.firehose.format;

import io.kinesisbridge.common.convert.PayloadBytes;

import java.util.List;
import java.util.Locale;

/** The values of {@code firehose.format} and the {@link PayloadFormat} each one names. */
public final class PayloadFormats {

  /** Bytes and strings as they are, everything else JSON: the Kinesis sink's payload. */
  public static final String BYTES = "bytes";

  /** One JSON document per record, for JSON lines and Redshift {@code FORMAT AS JSON 'auto'}. */
  public static final String JSON = "json";

  /** One CSV line per record, for Redshift {@code FORMAT AS CSV}. */
  public static final String CSV = "csv";

  /** The accepted names, in the order the docs list them. */
  public static final List<String> NAMES = List.of(BYTES, JSON, CSV);

  private PayloadFormats() {}

  /**
   * The format called {@code name} (case and surrounding blanks ignored).
   *
   * @param delimiter the record delimiter, which CSV quotes wherever a cell contains it
   * @throws IllegalArgumentException for an unknown name
   */
  public static PayloadFormat named(String name, RecordDelimiter delimiter) {
    String normalised = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (normalised) {
      case BYTES -> PayloadBytes::payloadOf;
      case JSON -> new JsonLines();
      case CSV -> new CsvLines(delimiter.text());
      default ->
          throw new IllegalArgumentException(
              "unknown format '" + name + "': use one of " + String.join(", ", NAMES));
    };
  }
}
