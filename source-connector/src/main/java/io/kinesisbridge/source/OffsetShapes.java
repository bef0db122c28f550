package io.kinesisbridge.source;

import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.offset.ShardOffset;
import org.apache.kafka.connect.errors.ConnectException;

import java.util.Map;
import java.util.Set;

/** Checks offsets a user wants to write, so that a task never starts from a malformed one. */
final class OffsetShapes {

  private static final Set<String> PARTITION_KEYS = Set.of(ShardKey.STREAM, ShardKey.SHARD);
  private static final Set<String> OFFSET_KEYS =
      Set.of(ShardOffset.SEQUENCE, ShardOffset.SUBSEQUENCE, ShardOffset.FINISHED);

  private OffsetShapes() {}

  /** Throws a {@link ConnectException} naming the first partition or offset of the wrong shape. */
  static void check(Map<Map<String, ?>, Map<String, ?>> offsets) {
    for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
      checkPartition(entry.getKey());
      checkOffset(entry.getKey(), entry.getValue());
    }
  }

  private static void checkPartition(Map<String, ?> partition) {
    if (partition == null || !partition.keySet().equals(PARTITION_KEYS)) {
      throw new ConnectException(
          "A source partition of this connector is {\"stream\": ..., \"shard\": ...}; got "
              + partition);
    }
    for (String key : PARTITION_KEYS) {
      if (!(partition.get(key) instanceof String value) || value.isBlank()) {
        throw new ConnectException(
            "Partition field '" + key + "' must be a non-empty string in " + partition);
      }
    }
  }

  private static void checkOffset(Map<String, ?> partition, Map<String, ?> offset) {
    if (offset == null) {
      return;
    }
    if (!OFFSET_KEYS.containsAll(offset.keySet())) {
      throw new ConnectException(
          "An offset of this connector has only the fields "
              + OFFSET_KEYS
              + "; got "
              + offset
              + " for "
              + partition);
    }
    try {
      ShardOffset.fromMap(offset);
    } catch (IllegalArgumentException e) {
      throw new ConnectException("Invalid offset for " + partition + ": " + e.getMessage(), e);
    }
  }
}
