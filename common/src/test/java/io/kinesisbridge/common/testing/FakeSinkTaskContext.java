package io.kinesisbridge.common.testing;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A sink task context that records pauses and reported records; with or without a DLQ. */
public final class FakeSinkTaskContext implements SinkTaskContext {

  /** A record handed to the errant record reporter, with the reason. */
  public record Reported(SinkRecord record, Throwable reason) {}

  public final Set<TopicPartition> assignment = new HashSet<>();
  public final Set<TopicPartition> paused = new HashSet<>();
  public final List<Reported> reported = new ArrayList<>();
  private final boolean withReporter;

  public FakeSinkTaskContext(boolean withReporter, TopicPartition... partitions) {
    this.withReporter = withReporter;
    assignment.addAll(Arrays.asList(partitions));
  }

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
    return assignment;
  }

  @Override
  public void pause(TopicPartition... partitions) {
    paused.addAll(Arrays.asList(partitions));
  }

  @Override
  public void resume(TopicPartition... partitions) {
    paused.removeAll(Arrays.asList(partitions));
  }

  @Override
  public void requestCommit() {}

  /** Like a worker older than Kafka 4.1: no plugin metrics. */
  @Override
  public PluginMetrics pluginMetrics() {
    throw new UnsupportedOperationException("no plugin metrics on this worker");
  }

  @Override
  public ErrantRecordReporter errantRecordReporter() {
    if (!withReporter) {
      return null;
    }
    return (SinkRecord record, Throwable error) -> {
      synchronized (reported) {
        reported.add(new Reported(record, error));
      }
      Future<Void> done = CompletableFuture.completedFuture(null);
      return done;
    };
  }
}
