package io.kinesisbridge.bench.jmh;

import io.kinesisbridge.common.kinesis.ShardMap;
import io.kinesisbridge.sink.key.PartitionKeyStrategy;
import io.kinesisbridge.sink.record.RecordPreparer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
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

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sink's whole per-record step, {@link RecordPreparer#prepare}: payload bytes, partition key
 * ({@code key}, a String key as the StringConverter gives it), MD5 hash key and the size check, on
 * 100-byte byte[] values as the harness sends them. One operation is one record, so the score is
 * records/s on one core; batching and aggregation come on top (see AggregateBuilderBenchmark).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordPreparerBenchmark {

  private static final int RECORDS = 1024;
  private static final int MAX_RECORD_BYTES = 1024 * 1024;
  private static final Supplier<ShardMap> NO_SHARD_MAP =
      () -> {
        throw new IllegalStateException("only spread-partitions reads the shard map");
      };

  private RecordPreparer preparer;
  private SinkRecord[] records;

  @Setup
  public void setUp() {
    preparer = new RecordPreparer(PartitionKeyStrategy.parse("key"), false);
    String[] keys = BenchData.keys(RECORDS, RECORDS);
    byte[][] payloads = BenchData.payloads(RECORDS);
    records = new SinkRecord[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
      records[i] =
          new SinkRecord(
              "bench-records", i % 4, Schema.STRING_SCHEMA, keys[i], null, payloads[i], i);
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void prepare(Blackhole blackhole) {
    for (SinkRecord record : records) {
      blackhole.consume(preparer.prepare("bench", record, NO_SHARD_MAP, MAX_RECORD_BYTES));
    }
  }
}
