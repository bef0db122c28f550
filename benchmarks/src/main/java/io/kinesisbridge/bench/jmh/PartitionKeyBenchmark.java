package io.kinesisbridge.bench.jmh;

import io.kinesisbridge.sink.key.PartitionKeyStrategy;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
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

import java.util.concurrent.TimeUnit;

/**
 * The partition key step of the sink, {@link PartitionKeyStrategy#keyFor}, for the forms of {@code
 * kinesis.partition.key} that read something from the record: the record key (a String, as the
 * StringConverter gives it), {@code topic-partition} and a Struct field. One operation is one
 * record ({@code @OperationsPerInvocation(1024)}), so the score is records/s on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PartitionKeyBenchmark {

  private static final int RECORDS = 1024;
  private static final Schema VALUE =
      SchemaBuilder.struct()
          .field("customer", SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build())
          .field("data", Schema.BYTES_SCHEMA)
          .build();

  @Param({"key", "topic-partition", "field:customer.id"})
  String spec;

  private PartitionKeyStrategy strategy;
  private SinkRecord[] records;

  @Setup
  public void setUp() {
    strategy = PartitionKeyStrategy.parse(spec);
    String[] keys = BenchData.keys(RECORDS, RECORDS);
    byte[][] payloads = BenchData.payloads(RECORDS);
    records = new SinkRecord[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
      Struct customer = new Struct(VALUE.field("customer").schema()).put("id", keys[i]);
      Struct value = new Struct(VALUE).put("customer", customer).put("data", payloads[i]);
      records[i] = new SinkRecord("orders", i % 4, Schema.STRING_SCHEMA, keys[i], VALUE, value, i);
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void keyFor(Blackhole blackhole) {
    for (SinkRecord record : records) {
      blackhole.consume(strategy.keyFor(record));
    }
  }
}
