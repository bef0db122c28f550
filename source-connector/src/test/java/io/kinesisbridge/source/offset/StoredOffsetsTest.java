package io.kinesisbridge.source.offset;

import io.kinesisbridge.source.kinesis.ShardKey;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StoredOffsetsTest {

  private static final ShardKey A = new ShardKey("orders", "shardId-000000000000");
  private static final ShardKey B = new ShardKey("orders", "shardId-000000000001");

  /**
   * Keys offsets by the partition's entries in iteration order, as Connect keys them by the JSON
   * bytes of the partition.
   */
  private static final class OrderSensitiveReader implements OffsetStorageReader {
    private final Map<String, Map<String, Object>> stored = new HashMap<>();
    private int calls;

    void store(Map<String, String> partition, ShardOffset offset) {
      stored.put(partition.toString(), offset.toMap());
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
      return stored.get(partition.toString());
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(
        Collection<Map<String, T>> partitions) {
      calls++;
      Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
      for (Map<String, T> partition : partitions) {
        found.put(partition, stored.get(partition.toString()));
      }
      return found;
    }
  }

  @Test
  void thePartitionAlwaysListsStreamBeforeShard() {
    for (int i = 0; i < 3; i++) {
      assertThat(new ArrayList<>(new ShardKey("s" + i, "shard-" + i).toPartition().keySet()))
          .containsExactly(ShardKey.STREAM, ShardKey.SHARD);
    }
    assertThat(new ArrayList<>(A.toPartitionShardFirst().keySet()))
        .containsExactly(ShardKey.SHARD, ShardKey.STREAM);
  }

  @Test
  void anOffsetStoredWithTheShardFirstIsFoundAndTheFurtherOfTwoWins() {
    OrderSensitiveReader reader = new OrderSensitiveReader();
    reader.store(A.toPartitionShardFirst(), new ShardOffset("49000020", 0, false));
    reader.store(B.toPartition(), new ShardOffset("49000050", 3, false));
    reader.store(B.toPartitionShardFirst(), new ShardOffset("49000050", 1, false));

    Map<ShardKey, ShardOffset> offsets = StoredOffsets.read(reader, List.of(A, B));

    assertThat(offsets)
        .containsEntry(A, new ShardOffset("49000020", 0, false))
        .containsEntry(B, new ShardOffset("49000050", 3, false));
    assertThat(reader.calls).isEqualTo(2);
  }

  @Test
  void atTheSamePositionTheFinishedOffsetWins() {
    ShardOffset open = new ShardOffset("49000020", 0, false);

    assertThat(ShardOffset.furthest(open, open.asFinished())).isEqualTo(open.asFinished());
    assertThat(ShardOffset.furthest(open.asFinished(), open)).isEqualTo(open.asFinished());
    assertThat(StoredOffsets.read(new OrderSensitiveReader(), List.of(A))).isEmpty();
  }
}
