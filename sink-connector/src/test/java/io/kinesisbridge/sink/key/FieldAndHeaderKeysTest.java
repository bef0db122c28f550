package io.kinesisbridge.sink.key;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldAndHeaderKeysTest {

  private static final Schema CUSTOMER =
      SchemaBuilder.struct()
          .optional()
          .field("id", Schema.OPTIONAL_INT64_SCHEMA)
          .field("email", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  private static final Schema ORDER =
      SchemaBuilder.struct().name("com.acme.Order").field("customer", CUSTOMER).build();

  private static final PartitionKeyStrategy CUSTOMER_ID =
      PartitionKeyStrategy.parse("field:customer.id");

  private static SinkRecord valued(Schema schema, Object value) {
    return new SinkRecord("orders", 5, null, "k", schema, value, 17L);
  }

  private static Struct order(Long customerId) {
    return new Struct(ORDER).put("customer", new Struct(CUSTOMER).put("id", customerId));
  }

  @Test
  void fieldReadsANestedStructField() {
    assertThat(CUSTOMER_ID.keyFor(valued(ORDER, order(7L)))).isEqualTo("7");
  }

  @Test
  void fieldReadsANestedMapKey() {
    Map<String, Object> value = Map.of("customer", Map.of("id", "c-7"));

    assertThat(CUSTOMER_ID.keyFor(valued(null, value))).isEqualTo("c-7");
  }

  @Test
  void fieldWritesAStructuredTargetAsCompactJson() {
    PartitionKeyStrategy customer = PartitionKeyStrategy.parse("field:customer");

    assertThat(customer.keyFor(valued(ORDER, order(7L)))).isEqualTo("{\"id\":7,\"email\":null}");
    assertThat(customer.keyFor(valued(null, Map.of("customer", List.of("a")))))
        .isEqualTo("[\"a\"]");
  }

  @Test
  void fieldFallsBackWhenTheValueOrAStepOrTheLeafIsNullOrAbsent() {
    Map<String, Object> nullCustomer = new HashMap<>();
    nullCustomer.put("customer", null);

    assertThat(CUSTOMER_ID.keyFor(valued(ORDER, order(null)))).isEqualTo("orders-5");
    assertThat(CUSTOMER_ID.keyFor(valued(ORDER, new Struct(ORDER)))).isEqualTo("orders-5");
    assertThat(CUSTOMER_ID.keyFor(valued(null, nullCustomer))).isEqualTo("orders-5");
    assertThat(CUSTOMER_ID.keyFor(valued(null, Map.of()))).isEqualTo("orders-5");
    assertThat(CUSTOMER_ID.keyFor(valued(null, null))).isEqualTo("orders-5");
    assertThat(CUSTOMER_ID.keyFor(valued(null, Map.of("customer", Map.of("id", "")))))
        .isEqualTo("orders-5");
  }

  @Test
  void fieldOnAPlainStringValueIsAPartitionKeyException() {
    SinkRecord record = valued(Schema.STRING_SCHEMA, "just text");

    assertThatThrownBy(() -> CUSTOMER_ID.keyFor(record))
        .isInstanceOf(PartitionKeyException.class)
        .hasMessageContaining("kinesis.partition.key=field:customer.id")
        .hasMessageContaining("topic 'orders' partition 5 offset 17")
        .hasMessageContaining("java.lang.String, not a Struct or Map");
  }

  @Test
  void fieldNamingAFieldTheStructLacksIsAPartitionKeyException() {
    PartitionKeyStrategy strategy = PartitionKeyStrategy.parse("field:customer.phone");

    assertThatThrownBy(() -> strategy.keyFor(valued(ORDER, order(7L))))
        .isInstanceOf(PartitionKeyException.class)
        .hasMessageContaining("no field 'phone'")
        .hasMessageContaining("id, email");
  }

  @Test
  void headerUsesTheLastHeaderWithThatName() {
    PartitionKeyStrategy strategy = PartitionKeyStrategy.parse("header:tenant");
    SinkRecord record = valued(null, "v");
    record.headers().addString("tenant", "first").addString("other", "x");
    record.headers().addString("tenant", "last");

    assertThat(strategy.keyFor(record)).isEqualTo("last");
  }

  @Test
  void headerNamesAreCaseSensitive() {
    SinkRecord record = valued(null, "v");
    record.headers().addString("Tenant", "acme");

    assertThat(PartitionKeyStrategy.parse("header:Tenant").keyFor(record)).isEqualTo("acme");
    assertThat(PartitionKeyStrategy.parse("header:tenant").keyFor(record)).isEqualTo("orders-5");
  }

  @Test
  void headerValuesOfOtherTypesUseTheirSchema() {
    PartitionKeyStrategy strategy = PartitionKeyStrategy.parse("header:h");
    SinkRecord bytes = valued(null, "v");
    bytes.headers().addBytes("h", new byte[] {1, 2, 3});
    SinkRecord number = valued(null, "v");
    number.headers().addLong("h", 99L);
    SinkRecord map = valued(null, "v");
    map.headers()
        .addMap(
            "h",
            Map.of("a", 1),
            SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build());

    assertThat(strategy.keyFor(bytes)).isEqualTo("AQID");
    assertThat(strategy.keyFor(number)).isEqualTo("99");
    assertThat(strategy.keyFor(map)).isEqualTo("{\"a\":1}");
  }

  @Test
  void headerFallsBackWhenMissingNullOrEmpty() {
    PartitionKeyStrategy strategy = PartitionKeyStrategy.parse("header:tenant");
    SinkRecord missing = valued(null, "v");
    SinkRecord nullValue = valued(null, "v");
    nullValue
        .headers()
        .addString("tenant", "set")
        .add("tenant", null, Schema.OPTIONAL_STRING_SCHEMA);
    SinkRecord empty = valued(null, "v");
    empty.headers().addString("tenant", "");

    assertThat(strategy.keyFor(missing)).isEqualTo("orders-5");
    assertThat(strategy.keyFor(nullValue)).isEqualTo("orders-5");
    assertThat(strategy.keyFor(empty)).isEqualTo("orders-5");
  }
}
