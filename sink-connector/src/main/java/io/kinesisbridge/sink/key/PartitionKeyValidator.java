package io.kinesisbridge.sink.key;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Rejects {@code kinesis.partition.key} values that {@link PartitionKeyStrategy#parse} rejects. */
final class PartitionKeyValidator implements ConfigDef.Validator {

  @Override
  public void ensureValid(String name, Object value) {
    try {
      PartitionKeySpecs.parse(value == null ? null : value.toString());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return PartitionKeySpecs.FORMS;
  }
}
