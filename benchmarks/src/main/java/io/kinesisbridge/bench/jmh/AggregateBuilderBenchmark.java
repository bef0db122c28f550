package io.kinesisbridge.bench.jmh;

import io.kinesisbridge.common.aggregation.Aggregate;
import io.kinesisbridge.common.aggregation.AggregateBuilder;
import io.kinesisbridge.common.aggregation.UserRecord;
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

import java.util.concurrent.TimeUnit;

/**
 * KPL aggregation as the sink does it: for each of 500 100-byte records ask the exact size with the
 * record added (the max-record-size check), add it, then encode the aggregate (protobuf and MD5).
 *
 * <p>One operation is one user record ({@code @OperationsPerInvocation(500)}), so the score is
 * records/s on one core. {@code distinctKeys}=500 is the worst case for the key table (every record
 * brings a new partition key); 8 is a stream with few keys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AggregateBuilderBenchmark {

  private static final int RECORDS = 500;
  private static final int MAX_RECORD_BYTES = 1024 * 1024;

  @Param({"500", "8"})
  int distinctKeys;

  private UserRecord[] records;

  @Setup
  public void setUp() {
    records = BenchData.userRecords(RECORDS, distinctKeys);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public Aggregate encode500Records() {
    AggregateBuilder builder = new AggregateBuilder();
    for (UserRecord record : records) {
      if (builder.sizeIfAdded(record) > MAX_RECORD_BYTES) {
        break;
      }
      builder.add(record);
    }
    return builder.build();
  }
}
