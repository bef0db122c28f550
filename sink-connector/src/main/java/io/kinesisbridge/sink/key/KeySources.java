package io.kinesisbridge.sink.key;

import io.kinesisbridge.common.convert.FieldPath;
import org.apache.kafka.connect.header.Header;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The raw key sources behind each {@code kinesis.partition.key} form. */
final class KeySources {

  private KeySources() {}

  static KeySource recordKey() {
    return record -> FieldPath.toKeyString(record.keySchema(), record.key());
  }

  static KeySource topicPartition() {
    return PartitionKeys::topicPartition;
  }

  /**
   * Random keys only need to spread records over shards, not to be unguessable: ThreadLocalRandom
   * is far cheaper than SecureRandom (which {@link UUID#randomUUID()} uses) and never blocks.
   */
  static KeySource random() {
    return record -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      // Version 4 and IETF variant bits, so the string is a well-formed random UUID.
      long high = (random.nextLong() & ~0xF000L) | 0x4000L;
      long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
      return new UUID(high, low).toString();
    };
  }

  static KeySource field(FieldPath path) {
    return record ->
        path.extract(record.valueSchema(), record.value())
            .map(found -> FieldPath.toKeyString(found.schema(), found.value()))
            .orElse(null);
  }

  static KeySource header(String name) {
    return record -> {
      Header header = record.headers().lastWithName(name);
      return header == null ? null : FieldPath.toKeyString(header.schema(), header.value());
    };
  }
}
