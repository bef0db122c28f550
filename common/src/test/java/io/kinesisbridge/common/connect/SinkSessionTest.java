package io.kinesisbridge.common.connect;

import io.kinesisbridge.common.metrics.GaugePublisher;
import io.kinesisbridge.common.testing.FakeSinkTaskContext;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkSessionTest {

  private static final TopicPartition TP = new TopicPartition("orders", 0);

  @Test
  void putPausesAboveTheHighWatermarkAndPreCommitReportsAcknowledgedOffsets() {
    FakeSinkTaskContext context = new FakeSinkTaskContext(false, TP);
    FakeWriter writer = new FakeWriter();
    SinkSession session = new SinkSession(context, writer);

    writer.above = true;
    session.put(List.of());
    assertThat(writer.writes).isEqualTo(1);
    assertThat(context.paused).containsExactly(TP);

    writer.acknowledged = Map.of(TP, 7L);
    assertThat(session.preCommit(Map.of(TP, new OffsetAndMetadata(9L))))
        .containsEntry(TP, new OffsetAndMetadata(7L));
  }

  @Test
  void preCommitRethrowsAFatalFailureAndStopClosesTheWriter() {
    FakeWriter writer = new FakeWriter();
    SinkSession session = new SinkSession(new FakeSinkTaskContext(false, TP), writer);

    session.close(List.of(TP));
    assertThat(writer.forgotten).containsExactly(TP);
    writer.failed = true;
    assertThatThrownBy(() -> session.preCommit(Map.of())).isInstanceOf(ConnectException.class);
    session.stop();
    assertThat(writer.closed).isTrue();
  }

  @Test
  void aPublisherGetsTheWritersGaugesAndIsClosedOnStop() {
    FakeWriter writer = new FakeWriter();
    SinkSession session = new SinkSession(new FakeSinkTaskContext(false, TP), writer);
    List<Supplier<Map<String, Number>>> published = new ArrayList<>();
    boolean[] started = {false};
    boolean[] closed = {false};

    session.publishMetrics(
        new GaugePublisher() {
          @Override
          public void add(Map<String, String> tags, Supplier<Map<String, Number>> gauges) {
            assertThat(tags).isEmpty();
            published.add(gauges);
          }

          @Override
          public void start() {
            started[0] = true;
          }

          @Override
          public void close() {
            closed[0] = true;
          }
        });
    session.put(List.of());
    session.stop();

    assertThat(published)
        .singleElement()
        .satisfies(g -> assertThat(g.get()).containsEntry("writes", 1));
    assertThat(started[0]).isTrue();
    assertThat(closed[0]).isTrue();
  }

  /** A writer whose buffer level, offsets and failure the test sets. */
  private static final class FakeWriter implements SinkWriter {
    boolean above;
    boolean failed;
    boolean closed;
    int writes;
    Map<TopicPartition, Long> acknowledged = Map.of();
    final List<TopicPartition> forgotten = new ArrayList<>();

    @Override
    public void write(Collection<SinkRecord> records) {
      writes++;
    }

    @Override
    public Map<TopicPartition, Long> committableOffsets() {
      return acknowledged;
    }

    @Override
    public void forget(Collection<TopicPartition> partitions) {
      forgotten.addAll(partitions);
    }

    @Override
    public void throwIfFailed() {
      if (failed) {
        throw new ConnectException("failed");
      }
    }

    @Override
    public Map<String, Number> gauges() {
      return Map.of("writes", writes);
    }

    @Override
    public boolean isAboveHighWatermark() {
      return above;
    }

    @Override
    public boolean isBelowLowWatermark() {
      return !above;
    }

    @Override
    public long bufferedBytes() {
      return 0;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
