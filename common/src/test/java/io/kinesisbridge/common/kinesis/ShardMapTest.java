package io.kinesisbridge.common.kinesis;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardMapTest {

  private static final BigInteger MAX = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

  /** The ranges Kinesis gives a new stream of {@code n} shards: equal slices of the hash space. */
  static List<ShardRange> evenShards(int n) {
    BigInteger slice = BigInteger.TWO.pow(128).divide(BigInteger.valueOf(n));
    List<ShardRange> shards = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BigInteger start = slice.multiply(BigInteger.valueOf(i));
      BigInteger end = i == n - 1 ? MAX : start.add(slice).subtract(BigInteger.ONE);
      shards.add(new ShardRange("shardId-00000000000" + i, start, end));
    }
    return shards;
  }

  @Test
  void everyHashKeyFindsTheShardWhoseRangeHoldsIt() {
    ShardMap map = ShardMap.of(evenShards(4));
    BigInteger quarter = BigInteger.TWO.pow(126);

    assertThat(map.shardFor(BigInteger.ZERO).orElseThrow().shardId()).endsWith("0");
    assertThat(map.shardFor(quarter.subtract(BigInteger.ONE)).orElseThrow().shardId())
        .endsWith("0");
    assertThat(map.shardFor(quarter).orElseThrow().shardId()).endsWith("1");
    assertThat(map.shardFor(MAX).orElseThrow().shardId()).endsWith("3");
  }

  @Test
  void shardsGivenOutOfOrderAreSortedByRange() {
    List<ShardRange> shards = new ArrayList<>(evenShards(3));
    java.util.Collections.reverse(shards);

    ShardMap map = ShardMap.of(shards);

    assertThat(map.shards())
        .extracting(ShardRange::shardId)
        .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
  }

  @Test
  void aGapInTheRangesIsReportedAsNoShard() {
    ShardMap map =
        ShardMap.of(
            List.of(
                new ShardRange("a", BigInteger.ZERO, BigInteger.TEN),
                new ShardRange("b", BigInteger.valueOf(20), MAX)));

    assertThat(map.shardFor(BigInteger.valueOf(15))).isEmpty();
    assertThat(map.shardFor(BigInteger.valueOf(20))).map(ShardRange::shardId).hasValue("b");
  }

  @Test
  void overlappingOrMissingShardsAreRejected() {
    assertThatThrownBy(() -> ShardMap.of(List.of())).hasMessageContaining("no");
    assertThatThrownBy(
            () ->
                ShardMap.of(
                    List.of(
                        new ShardRange("a", BigInteger.ZERO, BigInteger.TEN),
                        new ShardRange("b", BigInteger.TEN, MAX))))
        .hasMessageContaining("overlap");
  }

  @Test
  void midpointLiesInsideTheShard() {
    for (ShardRange shard : evenShards(7)) {
      assertThat(shard.contains(shard.midpoint())).isTrue();
    }
  }
}
