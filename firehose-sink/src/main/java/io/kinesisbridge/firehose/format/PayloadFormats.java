package io.kinesisbridge.firehose.format;

import io.kinesisbridge.common.convert.RecordPayload;
import org.apache.kafka.connect.data.Schema;

import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/** The values of {@code firehose.format} and the {@link RecordPayload} each one names. */
public final class PayloadFormats {

  /** Bytes and strings as they are, everything else JSON: the Kinesis sink's payload. */
  public static final String BYTES = "bytes";

  /** One JSON document per record, for JSON lines and Redshift {@code FORMAT AS JSON 'auto'}. */
  public static final String JSON = "json";

  /** One CSV line per record, for Redshift {@code FORMAT AS CSV}. */
  public static final String CSV = "csv";

  /**
   * One JSON document per record with its key, value, headers, timestamp and Kafka coordinates:
   * {@link io.kinesisbridge.common.convert.RecordEnvelope}.
   */
  public static final String ENVELOPE = "envelope";

  /** The accepted names, in the order the docs list them. */
  public static final List<String> NAMES = List.of(BYTES, JSON, CSV, ENVELOPE);

  private PayloadFormats() {}

  /**
   * The format called {@code name} (case and surrounding blanks ignored).
   *
   * @param delimiter the record delimiter, which CSV quotes wherever a cell contains it
   * @throws IllegalArgumentException for an unknown name
   */
  public static RecordPayload named(String name, RecordDelimiter delimiter) {
    String normalised = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (normalised) {
      case BYTES -> RecordPayload.value();
      case JSON -> ofValue(new JsonLines()::payloadOf);
      case CSV -> ofValue(new CsvLines(delimiter.text())::payloadOf);
      case ENVELOPE -> RecordPayload.envelope();
      default ->
          throw new IllegalArgumentException(
              "unknown format '" + name + "': use one of " + String.join(", ", NAMES));
    };
  }

  /** A format that writes the record value alone. */
  private static RecordPayload ofValue(BiFunction<Schema, Object, byte[]> valueFormat) {
    return (record, origin) -> valueFormat.apply(record.valueSchema(), record.value());
  }
}
