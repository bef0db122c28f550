package io.kinesisbridge.source.assign;

import io.kinesisbridge.source.kinesis.HashKeyRange;
import io.kinesisbridge.source.kinesis.ShardInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShardAssignerTest {

  private static List<ShardInfo> openShards(int count) {
    List<ShardInfo> shards = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      shards.add(ShardInfo.open("s", String.format("shardId-%012d", i)));
    }
    return shards;
  }

  @ParameterizedTest(name = "{0} shards on at most {1} tasks")
  @CsvSource({"4,2,2,2", "10,3,3,4", "1,5,1,1", "100,7,14,15", "3,3,1,1"})
  void shardsAreSpreadOverAtMostMaxTasksWithSizesDifferingByAtMostOne(
      int shards, int maxTasks, int smallest, int largest) {
    List<List<ShardInfo>> tasks = ShardAssigner.assign(openShards(shards), maxTasks);

    assertThat(tasks).hasSize(Math.min(shards, maxTasks));
    assertThat(tasks).allSatisfy(t -> assertThat(t.size()).isBetween(smallest, largest));
    assertThat(tasks.stream().mapToInt(List::size).sum()).isEqualTo(shards);
  }

  @Test
  void noShardsMeansNoTasks() {
    assertThat(ShardAssigner.assign(List.of(), 4)).isEmpty();
  }

  @Test
  void aChildShardLandsOnTheTaskOfItsParents() {
    List<ShardInfo> shards =
        List.of(
            new ShardInfo("s", "shardId-0", null, null, true),
            new ShardInfo("s", "shardId-1", null, null, true),
            ShardInfo.open("s", "shardId-2"),
            new ShardInfo("s", "shardId-3", "shardId-0", "shardId-1", false),
            new ShardInfo("s", "shardId-4", "shardId-2", null, false));

    List<List<ShardInfo>> tasks = ShardAssigner.assign(shards, 4);

    assertThat(tasks).hasSize(2);
    assertThat(tasks.get(0))
        .extracting(ShardInfo::shardId)
        .containsExactly("shardId-0", "shardId-1", "shardId-3");
    assertThat(tasks.get(1))
        .extracting(ShardInfo::shardId)
        .containsExactly("shardId-2", "shardId-4");
  }

  @Test
  void theSameShardsAlwaysGiveTheSameAssignment() {
    List<ShardInfo> shards = openShards(9);
    List<ShardInfo> reversed = new ArrayList<>(shards);
    java.util.Collections.reverse(reversed);

    assertThat(ShardAssigner.assign(reversed, 4)).isEqualTo(ShardAssigner.assign(shards, 4));
  }

  @Test
  void taskShardsSurviveTheTripThroughATaskConfig() {
    List<ShardInfo> shards =
        List.of(
            new ShardInfo("a.b-c_d", "shardId-3", "shardId-0", "shardId-1", false),
            new ShardInfo("x", "shardId-0", null, null, true),
            new ShardInfo(
                "x",
                "shardId-7",
                null,
                null,
                false,
                new HashKeyRange(
                    java.math.BigInteger.ZERO,
                    java.math.BigInteger.ONE.shiftLeft(127).subtract(java.math.BigInteger.ONE))));

    assertThat(TaskShards.decode(TaskShards.encode(shards))).isEqualTo(shards);
  }

  @Test
  void taskShardsWrittenWithoutHashKeyRangesAreStillRead() {
    assertThat(TaskShards.decode("x:shardId-0::shardId-9:true"))
        .containsExactly(new ShardInfo("x", "shardId-0", null, "shardId-9", true));
  }
}
