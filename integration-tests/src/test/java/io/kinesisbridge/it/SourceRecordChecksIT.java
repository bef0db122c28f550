package io.kinesisbridge.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks the source ITs rely on must be able to fail. No worker here: it is an IT only because
 * this module runs its tests through failsafe.
 */
class SourceRecordChecksIT {

  @Test
  void keyOrderAcceptsEachKeysValuesInWriteOrderWithRepeats() {
    List<ConsumerRecord<byte[], byte[]>> records =
        List.of(
            record("a", 0),
            record("b", 1),
            record("a", 2),
            record("a", 0), // re-delivered: allowed under at-least-once
            record("b", 3),
            record("a", 4));

    assertThatCode(() -> SourceRecordChecks.assertKeyOrder(records)).doesNotThrowAnyException();
  }

  @Test
  void keyOrderRefusesAChildRecordBeforeItsParentsRecordOfTheSameKey() {
    List<ConsumerRecord<byte[], byte[]>> records =
        List.of(record("a", 0), record("b", 1), record("a", 4), record("a", 2), record("b", 3));

    assertThatThrownBy(() -> SourceRecordChecks.assertKeyOrder(records))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("key a: r-000002 appeared first after r-000004");
  }

  @Test
  void keyOrderRefusesAReorderingAfterARepeat() {
    List<ConsumerRecord<byte[], byte[]>> records =
        List.of(record("k", 5), record("k", 5), record("k", 1));

    assertThatThrownBy(() -> SourceRecordChecks.assertKeyOrder(records))
        .isInstanceOf(AssertionError.class);
  }

  private static ConsumerRecord<byte[], byte[]> record(String key, int index) {
    return new ConsumerRecord<>(
        "topic",
        0,
        index,
        key.getBytes(StandardCharsets.UTF_8),
        SourceRecordChecks.value(index).getBytes(StandardCharsets.UTF_8));
  }
}
