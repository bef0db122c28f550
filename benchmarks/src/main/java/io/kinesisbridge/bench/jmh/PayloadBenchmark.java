package io.kinesisbridge.bench.jmh;

import io.kinesisbridge.common.convert.PayloadBytes;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The payload step of the sink, {@link PayloadBytes#payloadOf}, on values of about 100 bytes: bytes
 * (passed through), a string (UTF-8 encoded), a Struct and a schemaless Map (both written as JSON
 * by {@code ConnectJson}). One operation is one record, so the score is records/s on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PayloadBenchmark {

  private static final Schema ORDER =
      SchemaBuilder.struct()
          .name("Order")
          .field("id", Schema.INT64_SCHEMA)
          .field("customer", Schema.STRING_SCHEMA)
          .field("amount", Schema.FLOAT64_SCHEMA)
          .field("currency", Schema.STRING_SCHEMA)
          .field("paid", Schema.BOOLEAN_SCHEMA)
          .build();

  @Param({"bytes", "string", "struct", "map"})
  String valueType;

  private Schema schema;
  private Object value;

  @Setup
  public void setUp() {
    byte[] bytes = BenchData.payloads(1)[0];
    switch (valueType) {
      case "bytes" -> {
        schema = Schema.BYTES_SCHEMA;
        value = bytes;
      }
      case "string" -> {
        schema = Schema.STRING_SCHEMA;
        value = new String(bytes, StandardCharsets.US_ASCII);
      }
      case "struct" -> {
        schema = ORDER;
        value =
            new Struct(ORDER)
                .put("id", 1234567890L)
                .put("customer", "customer-0000000042-with-a-longer-name")
                .put("amount", 1234.5)
                .put("currency", "EUR")
                .put("paid", true);
      }
      case "map" -> {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", 1234567890L);
        map.put("customer", "customer-0000000042-with-a-longer-name");
        map.put("amount", 1234.5);
        map.put("currency", "EUR");
        map.put("paid", true);
        schema = null;
        value = map;
      }
      default -> throw new IllegalArgumentException(valueType);
    }
  }

  @Benchmark
  public byte[] payloadOf() {
    return PayloadBytes.payloadOf(schema, value);
  }
}
