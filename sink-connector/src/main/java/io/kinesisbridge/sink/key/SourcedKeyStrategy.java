package io.kinesisbridge.sink.key;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The one implementation of {@link PartitionKeyStrategy}: a raw source, then the rules every form
 * shares (fallback, length limit, failures as {@link PartitionKeyException}) in one place.
 */
final class SourcedKeyStrategy implements PartitionKeyStrategy {

  private final String spec;
  private final KeySource source;

  SourcedKeyStrategy(String spec, KeySource source) {
    this.spec = spec;
    this.source = source;
  }

  @Override
  public String keyFor(SinkRecord record) {
    String raw;
    try {
      raw = source.rawKey(record);
    } catch (DataException e) {
      // DataConversionException and Connect's own DataException from Struct access: bad data in
      // this record only, so it goes to the dead letter queue instead of failing the task.
      throw new PartitionKeyException(record, spec, e);
    }
    String key = raw == null || raw.isEmpty() ? PartitionKeys.topicPartition(record) : raw;
    return PartitionKeys.fitToKinesis(key);
  }

  @Override
  public String spec() {
    return spec;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SourcedKeyStrategy that && spec.equals(that.spec);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  @Override
  public String toString() {
    return spec;
  }
}
