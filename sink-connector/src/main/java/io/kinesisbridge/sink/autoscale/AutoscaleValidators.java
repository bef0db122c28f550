package io.kinesisbridge.sink.autoscale;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Single-key validators of the autoscaling settings. Unlike {@link ConfigDef.Range} they accept
 * {@code null}, because {@code kinesis.autoscale.max.shards} has no default and ConfigDef checks
 * defaults too; each {@code toString()} fills the "valid values" column of the docs.
 */
final class AutoscaleValidators {

  private AutoscaleValidators() {}

  /** A shard count UpdateShardCount can reach: 1 to 10,000. */
  static ConfigDef.Validator shardCount() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null) {
          return;
        }
        int count = ((Number) value).intValue();
        if (count < 1 || count > ScalingPolicy.KINESIS_MAX_TARGET_SHARDS) {
          throw new ConfigException(
              name,
              value,
              "a shard count must be at least 1 and at most "
                  + ScalingPolicy.KINESIS_MAX_TARGET_SHARDS
                  + " (the largest count UpdateShardCount scales to)");
        }
      }

      @Override
      public String toString() {
        return "[1,...," + ScalingPolicy.KINESIS_MAX_TARGET_SHARDS + "]";
      }
    };
  }

  /** A share of the write capacity: above 0, at most 1. */
  static ConfigDef.Validator share() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null) {
          return;
        }
        double share = ((Number) value).doubleValue();
        if (!(share > 0 && share <= 1)) {
          throw new ConfigException(
              name,
              value,
              "a share of the write capacity must be above 0 and at most 1, e.g. 0.8 for 80%");
        }
      }

      @Override
      public String toString() {
        return "above 0, at most 1";
      }
    };
  }
}
