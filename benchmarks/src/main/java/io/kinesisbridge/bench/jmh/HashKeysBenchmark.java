package io.kinesisbridge.bench.jmh;

import io.kinesisbridge.common.aggregation.HashKeys;
import io.kinesisbridge.common.kinesis.ShardMap;
import io.kinesisbridge.common.kinesis.ShardRange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key hashing on the sink's hot path: MD5 of a partition key as a 128-bit hash key, and the same
 * followed by the shard lookup an aggregating sink does to group records by shard (4 shards).
 *
 * <p>One operation is one record ({@code @OperationsPerInvocation(1024)} over 1,024 distinct keys),
 * so the score is records/s on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HashKeysBenchmark {

  private static final int KEYS = 1024;
  private static final int SHARDS = 4;

  private String[] keys;
  private ShardMap shardMap;

  @Setup
  public void setUp() {
    keys = BenchData.keys(KEYS, KEYS);
    shardMap = ShardMap.of(evenShards(SHARDS));
  }

  @Benchmark
  @OperationsPerInvocation(KEYS)
  public void hashKeyOf(Blackhole blackhole) {
    for (String key : keys) {
      blackhole.consume(HashKeys.hashKeyOf(key));
    }
  }

  @Benchmark
  @OperationsPerInvocation(KEYS)
  public void hashKeyOfThenShard(Blackhole blackhole) {
    for (String key : keys) {
      blackhole.consume(shardMap.shardFor(HashKeys.hashKeyOf(key)));
    }
  }

  /** Shards splitting the hash key space evenly, as CreateStream makes them. */
  private static List<ShardRange> evenShards(int count) {
    BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(count));
    List<ShardRange> shards = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BigInteger start = width.multiply(BigInteger.valueOf(i));
      BigInteger end =
          i == count - 1
              ? HashKeys.MAX_HASH_KEY
              : width.multiply(BigInteger.valueOf(i + 1L)).subtract(BigInteger.ONE);
      shards.add(new ShardRange(String.format("shardId-%012d", i), start, end));
    }
    return shards;
  }
}
