package io.kinesisbridge.common.connect;

import io.kinesisbridge.common.metrics.GaugePublisher;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The life of a started sink task around its {@link SinkWriter}: put with back-pressure, commit
 * only acknowledged offsets, forget revoked partitions, and close metrics and writer on stop. The
 * sink tasks delegate to it so they differ only in how they build their writer.
 */
public final class SinkSession {

  private static final Logger LOG = LoggerFactory.getLogger(SinkSession.class);

  private final SinkTaskContext context;
  private final SinkWriter writer;
  private final BackPressure backPressure;
  private final Set<TopicPartition> warnedUnknown = new HashSet<>();
  private TaskMetrics metrics;
  private GaugePublisher publisher = GaugePublisher.NONE;

  /** A session over {@code writer}, which it owns from now on. */
  public SinkSession(SinkTaskContext context, SinkWriter writer) {
    this.context = Objects.requireNonNull(context, "context");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.backPressure = new BackPressure(context, writer);
  }

  /**
   * A session over {@code writer} with its metrics published (see {@link #registerMetrics}); when
   * that fails, the writer is closed before the failure is rethrown, since no session exists that a
   * later stop could close.
   */
  public static SinkSession start(
      SinkTaskContext context,
      SinkWriter writer,
      String kind,
      Map<String, String> originals,
      String defaultName) {
    try {
      SinkSession session = new SinkSession(context, writer);
      session.registerMetrics(kind, originals, defaultName);
      return session;
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /**
   * Publishes the writer's gauges under {@code kind} (e.g. {@code kinesis-sink-task}) for the
   * connector named in {@code originals}, or {@code defaultName} when unnamed. Call on the task
   * thread, which names the task.
   */
  public void registerMetrics(String kind, Map<String, String> originals, String defaultName) {
    String name = originals.getOrDefault("name", defaultName);
    metrics =
        TaskMetrics.register(
            kind, name, SinkTasks.currentTaskId(), writer::gauges, PluginGauges.of(context));
  }

  /**
   * Also hands the writer's gauges to {@code publisher} (e.g. CloudWatch) and starts it; the
   * session owns it from now on and closes it on stop. Call last in the task's start.
   */
  public void publishMetrics(GaugePublisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    publisher.add(Map.of(), writer::gauges);
    publisher.start();
  }

  /** Hands records to the writer, then pauses or resumes the partitions. */
  public void put(Collection<SinkRecord> records) {
    writer.write(records);
    // Pauses the partitions while too many bytes are unacknowledged, resumes them later; never
    // blocks, so memory stays bounded without stalling the consumer's group membership.
    backPressure.apply();
  }

  /** The offsets whose records were acknowledged, or the failure that stopped delivery. */
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    writer.throwIfFailed();
    Map<TopicPartition, Long> acknowledged = writer.committableOffsets();
    warnAboutPartitionsConnectDoesNotKnow(acknowledged.keySet(), currentOffsets.keySet());
    return SinkTasks.committable(acknowledged, currentOffsets);
  }

  /**
   * Offsets Connect did not ask about are dropped, which is right for partitions being revoked or
   * kept through a partial revocation; for a partition the task was never assigned (offsets kept
   * under a topic an SMT renamed, say) nothing would ever be committed while everything looked
   * fine. One WARN per such partition makes that visible.
   */
  private void warnAboutPartitionsConnectDoesNotKnow(
      Set<TopicPartition> acknowledged, Set<TopicPartition> asked) {
    for (TopicPartition partition : acknowledged) {
      if (!asked.contains(partition)
          && !context.assignment().contains(partition)
          && warnedUnknown.add(partition)) {
        LOG.warn(
            "Offsets of {} are never committed: it is not among the task's assigned partitions {}",
            partition,
            context.assignment());
      }
    }
  }

  /**
   * Forgets closed partitions: their offsets were committed just before, and their unsent records
   * belong to the partitions' next owner, which resumes from those offsets.
   */
  public void close(Collection<TopicPartition> partitions) {
    writer.forget(partitions);
  }

  /** Unregisters the metrics, stops the publisher and closes the writer. */
  public void stop() {
    publisher.close();
    if (metrics != null) {
      metrics.close();
    }
    writer.close();
  }
}
