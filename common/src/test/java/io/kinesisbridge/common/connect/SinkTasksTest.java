package io.kinesisbridge.common.connect;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SinkTasksTest {

  private static final TopicPartition A = new TopicPartition("t", 0);
  private static final TopicPartition B = new TopicPartition("t", 1);
  private static final TopicPartition REVOKED = new TopicPartition("t", 2);

  @Test
  void onlyAcknowledgedOffsetsOfPartitionsConnectAskedAboutAreCommitted() {
    Map<TopicPartition, OffsetAndMetadata> current =
        Map.of(A, new OffsetAndMetadata(100), B, new OffsetAndMetadata(50));

    Map<TopicPartition, OffsetAndMetadata> committable =
        SinkTasks.committable(Map.of(A, 42L, REVOKED, 7L), current);

    assertThat(committable).containsOnlyKeys(A);
    assertThat(committable.get(A).offset()).isEqualTo(42L);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "task-thread-my-connector-3, 3",
    "task-thread-firehose-sink-12, 12",
    "main, main",
    "pool-1-thread-2, pool-1-thread-2"
  })
  void theTaskIdIsTheLastPartOfAConnectTaskThreadName(String thread, String id) {
    assertThat(SinkTasks.taskIdOf(thread)).isEqualTo(id);
  }
}
