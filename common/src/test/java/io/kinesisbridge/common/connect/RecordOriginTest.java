package io.kinesisbridge.common.connect;

import io.kinesisbridge.common.testing.RenamingTransform;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordOriginTest {

  private static final TopicPartition ORDERS_3 = new TopicPartition("orders", 3);

  private static SinkRecord read(long offset) {
    return new SinkRecord("orders", 3, null, null, Schema.STRING_SCHEMA, "v", offset);
  }

  @Test
  void aRecordRenamedByATransformKeepsThePartitionAndOffsetItWasReadFrom() {
    SinkRecord renamed = new RenamingTransform("renamed-").apply(read(42));

    assertThat(renamed.topic()).isEqualTo("renamed-orders");
    assertThat(RecordOrigin.of(renamed)).isEqualTo(new RecordOrigin(ORDERS_3, 42));
  }

  @Test
  void onAWorkerWithoutOriginalCoordinatesTheRecordsOwnAreUsedAndNotAskedForAgain() {
    OriginLookup lookup = new OriginLookup();
    OldWorkerRecord first = new OldWorkerRecord(7);
    OldWorkerRecord second = new OldWorkerRecord(8);

    assertThat(lookup.originOf(first)).isEqualTo(new RecordOrigin(ORDERS_3, 7));
    assertThat(lookup.originOf(second)).isEqualTo(new RecordOrigin(ORDERS_3, 8));
    assertThat(first.originalsAsked + second.originalsAsked).isEqualTo(1);
  }

  @Test
  void aRecordIsDescribedWhereItWasReadAndUnderTheTopicATransformGaveIt() {
    assertThat(ErrantRecords.describe(read(5))).isEqualTo("orders-3@5");
    assertThat(ErrantRecords.describe(new RenamingTransform("renamed-").apply(read(5))))
        .isEqualTo("orders-3@5 (topic 'renamed-orders' after transforms)");
  }

  /** A record as a worker before Kafka 3.6 would link it: no original coordinates. */
  private static final class OldWorkerRecord extends SinkRecord {
    int originalsAsked;

    OldWorkerRecord(long offset) {
      super("orders", 3, null, null, Schema.STRING_SCHEMA, "v", offset);
    }

    @Override
    public String originalTopic() {
      originalsAsked++;
      throw new NoSuchMethodError("SinkRecord.originalTopic()");
    }
  }
}
