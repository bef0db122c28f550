package io.kinesisbridge.sink.key;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionKeyStrategyTest {

  private static final PartitionKeyStrategy KEY = PartitionKeyStrategy.parse("key");

  private static SinkRecord record(Schema keySchema, Object key, Schema valueSchema, Object value) {
    return new SinkRecord("orders", 3, keySchema, key, valueSchema, value, 42L);
  }

  private static SinkRecord keyed(Object key) {
    return record(null, key, null, "v");
  }

  @Test
  void parseAcceptsEveryFormIgnoringCaseOfTheWordsAndSurroundingBlanks() {
    assertThat(PartitionKeyStrategy.parse(" KEY ").spec()).isEqualTo("key");
    assertThat(PartitionKeyStrategy.parse("Topic-Partition").spec()).isEqualTo("topic-partition");
    assertThat(PartitionKeyStrategy.parse("random").spec()).isEqualTo("random");
    assertThat(PartitionKeyStrategy.parse("Field: customer.id ").spec())
        .isEqualTo("field:customer.id");
    assertThat(PartitionKeyStrategy.parse("header:X-Tenant").spec()).isEqualTo("header:X-Tenant");
    assertThat(PartitionKeyStrategy.parse("field:a.b"))
        .isEqualTo(PartitionKeyStrategy.parse("field: a.b"));
  }

  @Test
  void parseRejectsUnknownFormsAndListsTheValidOnes() {
    for (String bad : new String[] {"partition", "", "  ", "field:", "header: ", "field:a..b"}) {
      assertThatThrownBy(() -> PartitionKeyStrategy.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'topic-partition'")
          .hasMessageContaining("field:<path>")
          .hasMessageContaining("header:<name>");
    }
    assertThatThrownBy(() -> PartitionKeyStrategy.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theValidatorRejectsBadValuesWithAConfigExceptionAndListsTheFormsForTheDocs() {
    ConfigDef.Validator validator = PartitionKeyStrategy.VALIDATOR;

    validator.ensureValid("kinesis.partition.key", "field:customer.id");
    assertThatThrownBy(() -> validator.ensureValid("kinesis.partition.key", "value"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kinesis.partition.key")
        .hasMessageContaining("'value' is not a partition key source");
    assertThat(validator)
        .hasToString("[key, topic-partition, random, field:<path>, header:<name>]");
  }

  @Test
  void keyPassesStringKeysThroughAsTheyAre() {
    assertThat(KEY.keyFor(keyed("customer-7"))).isEqualTo("customer-7");
    assertThat(KEY.keyFor(record(Schema.STRING_SCHEMA, " spaced ", null, "v")))
        .isEqualTo(" spaced ");
  }

  @Test
  void keyEncodesBytesAsStandardBase64WithPadding() {
    byte[] bytes = {(byte) 0xfb, (byte) 0xff, 0x00, 0x10, 0x20};

    assertThat(KEY.keyFor(record(Schema.BYTES_SCHEMA, bytes, null, "v"))).isEqualTo("+/8AECA=");
    assertThat(KEY.keyFor(keyed(ByteBuffer.wrap(bytes)))).isEqualTo("+/8AECA=");
  }

  @Test
  void keyWritesNumbersAndBooleansAsText() {
    assertThat(KEY.keyFor(record(Schema.INT64_SCHEMA, 1234567890123L, null, "v")))
        .isEqualTo("1234567890123");
    assertThat(KEY.keyFor(keyed(7))).isEqualTo("7");
    assertThat(KEY.keyFor(keyed(2.5))).isEqualTo("2.5");
    assertThat(KEY.keyFor(keyed(false))).isEqualTo("false");
  }

  @Test
  void keyWritesStructuredKeysAsCompactJson() {
    Schema schema =
        SchemaBuilder.struct()
            .field("tenant", Schema.STRING_SCHEMA)
            .field("id", Schema.INT32_SCHEMA)
            .build();
    Struct key = new Struct(schema).put("tenant", "acme").put("id", 9);

    assertThat(KEY.keyFor(record(schema, key, null, "v")))
        .isEqualTo("{\"tenant\":\"acme\",\"id\":9}");
    assertThat(KEY.keyFor(keyed(Map.of("id", 9)))).isEqualTo("{\"id\":9}");
    assertThat(KEY.keyFor(keyed(List.of(1, 2)))).isEqualTo("[1,2]");
  }

  @Test
  void keyFallsBackToTopicAndPartitionForNullAndEmptyKeys() {
    assertThat(KEY.keyFor(keyed(null))).isEqualTo("orders-3");
    assertThat(KEY.keyFor(keyed(""))).isEqualTo("orders-3");
    assertThat(KEY.keyFor(keyed(new byte[0]))).isEqualTo("orders-3");
  }

  @Test
  void topicPartitionJoinsTopicAndPartition() {
    PartitionKeyStrategy strategy = PartitionKeyStrategy.parse("topic-partition");

    assertThat(strategy.keyFor(keyed("ignored"))).isEqualTo("orders-3");
    assertThat(strategy.keyFor(new SinkRecord("t.x_y", 0, null, null, null, null, 0L)))
        .isEqualTo("t.x_y-0");
  }

  @Test
  void randomGivesDistinctWellFormedUuidsPerRecord() {
    PartitionKeyStrategy strategy = PartitionKeyStrategy.parse("random");
    SinkRecord record = keyed("same");
    Set<String> keys = new HashSet<>();

    for (int i = 0; i < 1_000; i++) {
      String key = strategy.keyFor(record);
      UUID uuid = UUID.fromString(key);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(uuid).hasToString(key);
      keys.add(key);
    }
    assertThat(keys).hasSize(1_000);
  }

  @Test
  void aRecordWithAKeyOfAnUnsupportedTypeFailsWithAPartitionKeyException() {
    SinkRecord record = keyed(new Object());

    assertThatThrownBy(() -> KEY.keyFor(record))
        .isInstanceOf(PartitionKeyException.class)
        .hasMessageContaining("kinesis.partition.key=key")
        .hasMessageContaining("topic 'orders' partition 3 offset 42")
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void keyOfADateUsesItsLogicalType() {
    SinkRecord record = record(Date.SCHEMA, new java.util.Date(0), null, "v");

    assertThat(KEY.keyFor(record)).isEqualTo("1970-01-01");
  }
}
