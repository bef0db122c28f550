package io.kinesisbridge.sink.key;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where the Kinesis partition key of each record comes from ({@code kinesis.partition.key}). The
 * partition key picks the shard (MD5 of the key), so records with equal keys stay in order on one
 * shard.
 *
 * <p>Forms, and what each yields:
 *
 * <ul>
 *   <li>{@code key} (default): the record key. A String as it is; {@code byte[]} and {@code
 *       ByteBuffer} as base64 (standard alphabet, with padding); integers, floating-point numbers
 *       and booleans in their usual text ({@code 42}, {@code 1.5}, {@code true}); Decimal in plain
 *       notation ({@code 12.30}); Timestamp, Date and Time as ISO-8601 in UTC ({@code
 *       2024-03-01T13:45:30.250Z}, {@code 2024-03-01}, {@code 13:45:30.250}); Struct, Map and List
 *       as compact JSON ({@code {"id":7}}).
 *   <li>{@code topic-partition}: {@code <topic>-<partition>}, e.g. {@code orders-3}.
 *   <li>{@code random}: a random UUID-shaped string per record, spreading records evenly over
 *       shards with no order between them.
 *   <li>{@code field:<path>}: the value at a dotted path into the record value ({@code
 *       field:customer.id}), through Structs and Maps; text as for {@code key}. Names are literal
 *       and case-sensitive, with no escaping (a name cannot contain a dot).
 *   <li>{@code header:<name>}: the last header with that name (case-sensitive); text as for {@code
 *       key}, using the header's schema.
 * </ul>
 *
 * <p>Fallback: when the chosen source yields null or an empty string (a null key, a missing header,
 * a null or absent field, a null record value), the key is {@code <topic>-<partition>}, which keeps
 * that Kafka partition's records together.
 *
 * <p>Length: Kinesis takes keys of 1 to 256 Unicode code points. A longer key is replaced by {@code
 * sha256:} followed by the 64 lower-case hex digits of the SHA-256 of its UTF-8 bytes (71
 * characters), so equal keys still land on the same shard.
 *
 * <p>Failures: a record whose key cannot be computed raises {@link PartitionKeyException}, naming
 * the record and the reason, so the task can send it to the dead letter queue: {@code field:} on a
 * value that is not a Struct or Map, a path naming a field its Struct does not have, or a key,
 * field or header of a type Connect does not define.
 *
 * <p>Strategies are immutable and thread-safe.
 */
public sealed interface PartitionKeyStrategy permits SourcedKeyStrategy {

  /**
   * Validates {@code kinesis.partition.key} in a ConfigDef; its {@code toString()} lists the valid
   * forms for the rendered config reference.
   */
  ConfigDef.Validator VALIDATOR = new PartitionKeyValidator();

  /**
   * The partition key for a record: 1 to 256 code points, never null or empty.
   *
   * @throws PartitionKeyException when the record's key cannot be computed
   */
  String keyFor(SinkRecord record);

  /** The strategy in its config form, e.g. {@code field:customer.id}. */
  String spec();

  /**
   * Parses a {@code kinesis.partition.key} value. The words {@code key}, {@code topic-partition},
   * {@code random} and the prefixes {@code field:} and {@code header:} are case-insensitive;
   * surrounding blanks are ignored, also around the path or header name.
   *
   * @throws IllegalArgumentException with a message listing the valid forms when {@code spec} is
   *     none of them
   */
  static PartitionKeyStrategy parse(String spec) {
    return PartitionKeySpecs.parse(spec);
  }
}
