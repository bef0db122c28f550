package io.kinesisbridge.common.aggregation;

import com.google.protobuf.InvalidProtocolBufferException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.kinesis.retrieval.kpl.Messages;

import java.util.ArrayList;
import java.util.List;

import static io.kinesisbridge.common.aggregation.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregateBuilderTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void sizeIfAddedAndSizeEqualTheRealEncodedLengthAfterEveryRecord(long seed) {
    AggregateBuilder builder = new AggregateBuilder();
    List<UserRecord> added = new ArrayList<>();

    for (UserRecord record : TestRecords.random(seed, 300)) {
      int predicted = builder.sizeIfAdded(record);
      builder.add(record);
      added.add(record);

      assertThat(builder.size()).isEqualTo(predicted);
      assertThat(builder.toByteArray()).hasSize(predicted);
      assertThat(AggregateEncoder.encode(added)).hasSize(predicted);
    }
  }

  @Test
  void sizeIfAddedDoesNotChangeTheBuilder() {
    AggregateBuilder builder = new AggregateBuilder();
    builder.add(record("a", "1"));
    int before = builder.size();

    builder.sizeIfAdded(record("new-key", "a much longer payload"));

    assertThat(builder.size()).isEqualTo(before);
    assertThat(builder.count()).isEqualTo(1);
  }

  @Test
  void anEmptyBuilderHasTheSizeOfMagicPlusChecksum() {
    AggregateBuilder builder = new AggregateBuilder();

    assertThat(builder.size()).isEqualTo(20);
    assertThat(builder.isEmpty()).isTrue();
    assertThat(builder.count()).isZero();
  }

  @Test
  void aRepeatedKeyCostsLessThanANewKey() {
    AggregateBuilder builder = new AggregateBuilder();
    builder.add(record("a-rather-long-partition-key", "1"));

    int repeated = builder.sizeIfAdded(record("a-rather-long-partition-key", "2"));
    int fresh = builder.sizeIfAdded(record("another-long-partition-key!", "2"));

    assertThat(fresh - repeated).isEqualTo(1 + 1 + "another-long-partition-key!".length());
  }

  @Test
  void repeatedKeysShareOneTableEntryInFirstSeenOrder() throws InvalidProtocolBufferException {
    List<UserRecord> records =
        List.of(
            new UserRecord("b", "7", new byte[] {1}),
            new UserRecord("a", null, new byte[] {2}),
            new UserRecord("b", "9", new byte[] {3}),
            new UserRecord("a", "7", new byte[] {4}));

    Messages.AggregatedRecord parsed =
        Messages.AggregatedRecord.parseFrom(
            TestRecords.protobufOf(AggregateEncoder.encode(records)));

    assertThat(parsed.getPartitionKeyTableList()).containsExactly("b", "a");
    assertThat(parsed.getExplicitHashKeyTableList()).containsExactly("7", "9");
    assertThat(parsed.getRecordsList())
        .extracting(Messages.Record::getPartitionKeyIndex)
        .containsExactly(0L, 1L, 0L, 1L);
    assertThat(parsed.getRecordsList())
        .extracting(r -> r.hasExplicitHashKeyIndex() ? r.getExplicitHashKeyIndex() : null)
        .containsExactly(0L, null, 1L, 0L);
  }

  @Test
  void theAggregateIsRoutedByTheFirstRecordsKeys() {
    AggregateBuilder builder = new AggregateBuilder();
    builder.add(new UserRecord("first", "12345", new byte[] {1}));
    builder.add(new UserRecord("second", "67890", new byte[] {2}));

    Aggregate aggregate = builder.build();

    assertThat(aggregate.partitionKey()).isEqualTo("first");
    assertThat(aggregate.explicitHashKey()).isEqualTo("12345");
    assertThat(aggregate.userRecordCount()).isEqualTo(2);
    assertThat(aggregate.data()).hasSize(builder.size());
  }

  @Test
  void theAggregateHasNoExplicitHashKeyWhenTheFirstRecordHasNone() {
    AggregateBuilder builder = new AggregateBuilder();
    builder.add(UserRecord.of("first", new byte[] {1}));
    builder.add(new UserRecord("second", "67890", new byte[] {2}));

    assertThat(builder.build().explicitHashKey()).isNull();
  }

  @Test
  void buildingWithoutRecordsIsRejectedBecauseThereIsNoPartitionKey() {
    assertThatThrownBy(() -> new AggregateBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without user records");
  }

  @Test
  void anInvalidExplicitHashKeyIsRejectedAndLeavesTheBuilderUnchanged() {
    AggregateBuilder builder = new AggregateBuilder();
    builder.add(record("a", "1"));
    byte[] before = builder.toByteArray();

    assertThatThrownBy(() -> builder.add(new UserRecord("b", "not-a-number", new byte[0])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not-a-number");
    assertThat(builder.toByteArray()).isEqualTo(before);
    assertThat(builder.count()).isEqualTo(1);
  }

  @Test
  void buildingTwiceGivesTheSameAggregate() {
    AggregateBuilder builder = new AggregateBuilder();
    builder.add(record("a", "1"));

    assertThat(builder.build()).isEqualTo(builder.build());
  }
}
