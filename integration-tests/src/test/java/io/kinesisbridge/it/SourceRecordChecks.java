package io.kinesisbridge.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the source ITs check on the Kafka side: values {@code r-<index>} written to Kinesis come
 * back complete, once, in shard order and in key order.
 */
final class SourceRecordChecks {

  private SourceRecordChecks() {}

  static String value(int index) {
    return String.format("r-%06d", index);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : text(header.value());
  }

  static Set<String> distinctValues(List<ConsumerRecord<byte[], byte[]>> records) {
    Set<String> values = new HashSet<>();
    records.forEach(r -> values.add(text(r.value())));
    return values;
  }

  static Set<String> expected(int count) {
    Set<String> values = new HashSet<>();
    for (int i = 0; i < count; i++) {
      values.add(value(i));
    }
    return values;
  }

  /** Within a Kafka partition, each shard's records appear in sequence-number order. */
  static void assertShardOrder(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, BigInteger> last = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      String lane = record.partition() + "/" + header(record, "kinesis.shard.id");
      BigInteger sequence = new BigInteger(header(record, "kinesis.sequence.number"));
      BigInteger previous = last.put(lane, sequence);
      assertThat(previous == null || previous.compareTo(sequence) < 0)
          .as("in %s, %s came after %s", lane, sequence, previous)
          .isTrue();
    }
  }

  /**
   * Each key's values appear in the order they were written (ascending index), first appearances
   * counting: a value seen before may come again (at-least-once re-delivery), but a value seen for
   * the first time must be above every value of its key seen so far. This is what proves a child
   * shard's records came after its parent's: the keys span both.
   */
  static void assertKeyOrder(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, Integer> highest = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      String key = text(record.key());
      String value = text(record.value());
      if (!seen.add(key + "/" + value)) {
        continue;
      }
      int index = Integer.parseInt(value.substring(2));
      Integer previous = highest.get(key);
      assertThat(previous == null || previous < index)
          .as(
              "key %s: %s appeared first after %s",
              key, value, previous == null ? "" : value(previous))
          .isTrue();
      highest.put(key, index);
    }
  }
}
