package io.kinesisbridge.bench.jmh;

import io.kinesisbridge.common.aggregation.AggregateBuilder;
import io.kinesisbridge.common.aggregation.AggregateDecoder;
import io.kinesisbridge.common.aggregation.DeaggregatedRecord;
import io.kinesisbridge.common.aggregation.HashKeys;
import io.kinesisbridge.common.aggregation.UserRecord;
import io.kinesisbridge.source.kinesis.HashKeyRange;
import io.kinesisbridge.source.kinesis.KinesisRecordData;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.read.RecordConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Kinesis source's hot path (issue #4): one KPL aggregate of 500 100-byte user records, built
 * once with {@link AggregateBuilder}, split by {@link AggregateDecoder#decode} ({@code decode}),
 * and split and turned into Connect {@link SourceRecord}s by the source's {@link RecordConverter}
 * ({@code decodeAndConvert}: headers, source offset, topic).
 *
 * <p>One operation is one user record ({@code @OperationsPerInvocation(500)}), so the score is user
 * records/s on one core; the target is at least 1,000,000. {@code distinctKeys}=500 gives every
 * user record its own partition key; 8 is a stream with few keys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SourceDeaggregationBenchmark {

  private static final int RECORDS = 500;
  private static final String AGGREGATE_KEY = "aggregate-key";
  private static final String SEQUENCE_NUMBER =
      "49590338271490256608559692538361571095921575989136588898";

  @Param({"500", "8"})
  int distinctKeys;

  private byte[] aggregate;
  private KinesisRecordData record;
  private ShardInfo shard;
  private RecordConverter converter;

  @Setup
  public void setUp() {
    AggregateBuilder builder = new AggregateBuilder();
    for (UserRecord user : BenchData.userRecords(RECORDS, distinctKeys)) {
      builder.add(user);
    }
    aggregate = builder.toByteArray();
    List<DeaggregatedRecord> check = AggregateDecoder.decode(AGGREGATE_KEY, aggregate);
    if (check.size() != RECORDS) {
      throw new IllegalStateException("decoded " + check.size() + " records, not " + RECORDS);
    }
    record =
        new KinesisRecordData(
            SEQUENCE_NUMBER, AGGREGATE_KEY, aggregate, Instant.parse("2026-01-01T00:00:00Z"));
    // The whole hash key space: every user record is checked against the range and kept.
    shard =
        new ShardInfo(
            "bench-stream",
            "shardId-000000000000",
            null,
            null,
            false,
            new HashKeyRange(java.math.BigInteger.ZERO, HashKeys.MAX_HASH_KEY));
    converter = new RecordConverter(stream -> "kinesis." + stream, true);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public List<DeaggregatedRecord> decode() {
    return AggregateDecoder.decode(AGGREGATE_KEY, aggregate);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void decodeAndConvert(Blackhole blackhole) {
    Consumer<SourceRecord> sink = blackhole::consume;
    converter.convert(shard, record, null, sink);
  }
}
