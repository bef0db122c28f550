package io.kinesisbridge.common.connect;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BackPressureTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);
  private static final TopicPartition P2 = new TopicPartition("t", 2);

  /** A buffer whose level the test sets; high mark 100 bytes, low mark 50. */
  private static final class Level {
    long bytes;

    boolean isAboveHighWatermark() {
      return bytes >= 100;
    }

    boolean isBelowLowWatermark() {
      return bytes <= 50;
    }
  }

  /** Just enough of a context: an assignment and the paused set. */
  private static final class Context implements SinkTaskContext {
    final Set<TopicPartition> paused = new HashSet<>();
    final Set<TopicPartition> assignment = new HashSet<>(Set.of(P0, P1));

    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {}

    @Override
    public void offset(TopicPartition tp, long offset) {}

    @Override
    public void timeout(long timeoutMs) {}

    @Override
    public Set<TopicPartition> assignment() {
      return Set.copyOf(assignment);
    }

    /** A rebalance: Connect forgets the pauses of partitions the task lost, and adds new ones. */
    void rebalance(Set<TopicPartition> newAssignment) {
      paused.retainAll(newAssignment);
      assignment.clear();
      assignment.addAll(newAssignment);
    }

    @Override
    public void pause(TopicPartition... partitions) {
      paused.addAll(Arrays.asList(partitions));
    }

    @Override
    public void resume(TopicPartition... partitions) {
      Arrays.asList(partitions).forEach(paused::remove);
    }

    @Override
    public void requestCommit() {}

    @Override
    public ErrantRecordReporter errantRecordReporter() {
      return null;
    }

    @Override
    public PluginMetrics pluginMetrics() {
      throw new UnsupportedOperationException("not needed here");
    }
  }

  @Test
  void partitionsPauseAtTheHighMarkAndResumeOnlyAtTheLowMark() {
    Level level = new Level();
    Context context = new Context();
    BackPressure backPressure =
        new BackPressure(context, level::isAboveHighWatermark, level::isBelowLowWatermark);

    level.bytes = 99;
    backPressure.apply();
    assertThat(context.paused).isEmpty();

    level.bytes = 100;
    backPressure.apply();
    assertThat(context.paused).containsExactlyInAnyOrder(P0, P1);
    assertThat(backPressure.isPaused()).isTrue();

    level.bytes = 51;
    backPressure.apply();
    assertThat(context.paused).as("between the marks nothing changes").hasSize(2);

    level.bytes = 50;
    backPressure.apply();
    assertThat(context.paused).isEmpty();
    assertThat(backPressure.isPaused()).isFalse();
  }

  @Test
  void partitionsAssignedWhilePausedArePausedToo() {
    Level level = new Level();
    Context context = new Context();
    BackPressure backPressure =
        new BackPressure(context, level::isAboveHighWatermark, level::isBelowLowWatermark);
    level.bytes = 100;
    backPressure.apply();

    context.rebalance(Set.of(P1, P2));
    level.bytes = 80;
    backPressure.apply();

    assertThat(context.paused)
        .as("a partition assigned while the buffer is full must not be read")
        .containsExactlyInAnyOrder(P1, P2);

    level.bytes = 50;
    backPressure.apply();
    assertThat(context.paused).isEmpty();
  }
}
