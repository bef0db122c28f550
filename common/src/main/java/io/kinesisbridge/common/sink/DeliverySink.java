package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.connect.BackPressure;
import io.kinesisbridge.common.connect.ErrantRecords;
import io.kinesisbridge.common.connect.PluginGauges;
import io.kinesisbridge.common.connect.RecordOrigin;
import io.kinesisbridge.common.connect.SinkTasks;
import io.kinesisbridge.common.connect.TaskMetrics;
import io.kinesisbridge.common.metrics.GaugePublisher;
import io.kinesisbridge.common.sink.BatchSender.SuccessInspector;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A started sink task, generic over the service: both sinks' tasks delegate {@code put}, {@code
 * preCommit}, {@code close} and {@code stop} to it, and supply only what differs: a {@link
 * Preparation} of records, a {@link Packer}, a {@link BatchSender}, optionally a {@link
 * SuccessInspector}, extra gauges and a hint for fatal failures.
 *
 * <p>{@code put} prepares every record first and hands the batch to the {@link DeliveryPipeline} in
 * one call, so a preparation that throws mid-batch leaves nothing behind and nothing is sent twice
 * when Connect offers the records again; then it pauses or resumes the partitions as the buffer
 * demands. {@code preCommit} reports only acknowledged offsets, keyed by the partition each record
 * was read from. A fatal delivery failure is rethrown from the next {@code put} or {@code
 * preCommit}. Used by the task thread; the gauges may be read from any thread.
 *
 * @param <R> the prepared record type
 */
public final class DeliverySink<R> {

  private static final Logger LOG = LoggerFactory.getLogger(DeliverySink.class);

  /**
   * What a sink makes of records.
   *
   * @param <R> the prepared record type
   */
  public interface Preparation<R> {

    /**
     * Makes sure the destination of {@code topic} (a record's topic after SMTs) is usable before
     * any record of the batch is prepared: the one network wait a task may have, once per
     * destination. Called once per run of records with the same topic. Throwing {@link
     * IllegalArgumentException} says the topic names no valid destination, which {@link #prepare}
     * then rejects record by record; anything else thrown fails the put with nothing taken. None by
     * default.
     */
    default void loadDestination(String topic) {}

    /** What to do with one record: send it, skip it, or reject it as bad. */
    Prepared<R> prepare(SinkRecord record);
  }

  /**
   * What a sink made of one record: a submission to send or skip, or the reason it cannot be sent.
   *
   * @param <R> the prepared record type
   * @param submission what to hand to the pipeline; {@code null} when rejected
   * @param rejection why the record cannot be sent; {@code null} unless rejected
   */
  public record Prepared<R>(Submission<R> submission, Throwable rejection) {

    /** A record to send. */
    public static <R> Prepared<R> send(Submission<R> submission) {
      return new Prepared<>(Objects.requireNonNull(submission, "submission"), null);
    }

    /** A record completed without sending, such as a null value the sink skips. */
    public static <R> Prepared<R> skip(SinkRecord record) {
      return new Prepared<>(skipOf(record), null);
    }

    /** A record that cannot be sent: reported, then completed so the records after it go on. */
    public static <R> Prepared<R> reject(Throwable reason) {
      return new Prepared<>(null, Objects.requireNonNull(reason, "reason"));
    }
  }

  private final SinkTaskContext context;
  private final DeliveryPipeline<R, ?> pipeline;
  private final Duration commitWait;
  private final Preparation<R> preparation;
  private final ErrantRecords errant;
  private final Supplier<Map<String, Number>> extraGauges;
  private final Function<FatalDeliveryFailure, String> failureHint;
  private final AutoCloseable resources;
  private final BackPressure backPressure;
  private final Set<TopicPartition> warnedUnknown = new HashSet<>();
  private TaskMetrics metrics;
  private GaugePublisher publisher = GaugePublisher.NONE;
  private volatile long skipped;
  private volatile long reported;

  private DeliverySink(Builder<R, ?> builder, SinkTaskContext context) {
    this.context = Objects.requireNonNull(context, "context");
    this.preparation = builder.preparation;
    this.extraGauges = builder.extraGauges;
    this.failureHint = builder.failureHint;
    this.resources = builder.resources;
    this.errant = ErrantRecords.from(context);
    this.pipeline = builder.pipeline.build();
    this.commitWait = builder.commitWait;
    this.backPressure =
        new BackPressure(context, pipeline::isAboveHighWatermark, pipeline::isBelowLowWatermark);
  }

  /**
   * Starts a builder.
   *
   * @param preparation turns records into submissions
   * @param packer turns runs of records of one lane into wire entries
   * @param sender sends one request
   */
  public static <R, E> Builder<R, E> builder(
      Preparation<R> preparation, Packer<R, E> packer, BatchSender<E> sender) {
    return new Builder<>(preparation, packer, sender);
  }

  /**
   * Prepares and submits {@code records}, never waiting for the service, then pauses the partitions
   * while too many bytes are unacknowledged or resumes them.
   */
  public void put(Collection<SinkRecord> records) {
    throwIfFailed();
    loadDestinations(records);
    List<Submission<R>> submissions = new ArrayList<>(records.size());
    List<SinkRecord> rejected = new ArrayList<>();
    List<Throwable> reasons = new ArrayList<>();
    int skips = 0;
    for (SinkRecord record : records) {
      Prepared<R> prepared = preparation.prepare(record);
      if (prepared.rejection() != null) {
        rejected.add(record);
        reasons.add(prepared.rejection());
        submissions.add(skipOf(record));
      } else {
        submissions.add(prepared.submission());
        skips += prepared.submission().isSkipped() ? 1 : 0;
      }
    }
    // Only once every record is prepared: a failure above must leave nothing reported or sent.
    for (int i = 0; i < rejected.size(); i++) {
      errant.report(rejected.get(i), reasons.get(i));
      reported++;
    }
    pipeline.submitAll(submissions);
    skipped += skips;
    // Never blocks, so memory stays bounded without stalling the consumer's group membership.
    backPressure.apply();
  }

  /** Loads each run of same-topic records' destination once, before anything is prepared. */
  private void loadDestinations(Collection<SinkRecord> records) {
    String previousTopic = null;
    for (SinkRecord record : records) {
      if (!record.topic().equals(previousTopic)) {
        previousTopic = record.topic();
        try {
          preparation.loadDestination(record.topic());
        } catch (IllegalArgumentException noValidDestination) {
          // Rejected per record by prepare().
        }
      }
    }
  }

  /**
   * The offsets whose records were acknowledged, or the failure that stopped delivery. First sends
   * what waits and waits up to the commit wait for everything submitted to be acknowledged: Connect
   * calls this just before it revokes partitions or stops the task (there is no hook before that
   * commit), and records acknowledged after it would be sent again by the partitions' next owner.
   * Calls in flight go on meanwhile; only {@code put} waits.
   */
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    throwIfFailed();
    if (!commitWait.isZero() && !pipeline.flush(commitWait)) {
      LOG.debug(
          "Committing before every submitted record was acknowledged ({} passed)", commitWait);
    }
    throwIfFailed();
    Map<TopicPartition, Long> acknowledged = pipeline.committable();
    warnAboutPartitionsConnectDoesNotKnow(acknowledged.keySet(), currentOffsets.keySet());
    return SinkTasks.committable(acknowledged, currentOffsets);
  }

  /**
   * Forgets closed partitions: their offsets were committed just before, and their unsent records
   * belong to the partitions' next owner, which resumes from those offsets.
   */
  public void close(Collection<TopicPartition> partitions) {
    pipeline.forget(partitions);
  }

  /**
   * Also hands the gauges to {@code publisher} (e.g. CloudWatch) and starts it; the sink owns it
   * from now on and closes it on stop. Call last in the task's start.
   */
  public void publishMetrics(GaugePublisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    publisher.add(Map.of(), this::gauges);
    publisher.start();
  }

  /** Unregisters the metrics, stops the publisher and the pipeline, and closes the resources. */
  public void stop() {
    publisher.close();
    if (metrics != null) {
      metrics.close();
    }
    closePipelineAndResources();
  }

  /** The task's gauges: the pipeline's counters, batch fill, skips, reports and the sink's own. */
  public Map<String, Number> gauges() {
    PipelineStats stats = pipeline.stats();
    Map<String, Number> gauges = new LinkedHashMap<>(stats.asGauges());
    // Batch fill and records per entry: what batching, aggregation and packing save in calls.
    gauges.put("entries-per-request-avg", stats.entriesPerRequestAvg());
    gauges.put("records-per-entry-avg", stats.recordsPerEntryAvg());
    gauges.putAll(extraGauges.get());
    gauges.put("records-skipped-null", skipped);
    gauges.put("records-dropped-to-dlq", reported);
    return gauges;
  }

  private void throwIfFailed() {
    Optional<FatalDeliveryFailure> failure = pipeline.fatalFailure();
    if (failure.isPresent()) {
      String hint = failureHint.apply(failure.get());
      String message = failure.get().message() + (hint.isEmpty() ? "" : " " + hint);
      throw new ConnectException(message, failure.get().cause());
    }
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

  private void closePipelineAndResources() {
    pipeline.close();
    try {
      resources.close();
    } catch (Exception e) {
      LOG.warn("Closing the sink's resources failed", e);
    }
  }

  /** Under the partition Connect read it from, which a topic-renaming SMT does not change. */
  private static <R> Submission<R> skipOf(SinkRecord record) {
    RecordOrigin origin = RecordOrigin.of(record);
    return Submission.skipped(origin.partition(), origin.offset());
  }

  /**
   * Wires a {@link DeliverySink}: the three required parts, the pipeline's settings, and what the
   * sink adds.
   *
   * @param <R> the prepared record type
   * @param <E> one wire entry
   */
  public static final class Builder<R, E> {
    private final Preparation<R> preparation;
    private final DeliveryPipeline.Builder<R, E> pipeline;
    private Supplier<Map<String, Number>> extraGauges = Map::of;
    private Function<FatalDeliveryFailure, String> failureHint = failure -> "";
    private AutoCloseable resources = () -> {};
    private Duration commitWait = Duration.ZERO;

    private Builder(Preparation<R> preparation, Packer<R, E> packer, BatchSender<E> sender) {
      this.preparation = Objects.requireNonNull(preparation, "preparation");
      this.pipeline = DeliveryPipeline.builder(packer, sender);
    }

    /** Batching, ordering, retry and buffer settings. */
    public Builder<R, E> settings(PipelineSettings value) {
      pipeline.settings(value);
      commitWait = value.commitWait();
      return this;
    }

    /** A second look at successes; default: accept all. */
    public Builder<R, E> successInspector(SuccessInspector<E> value) {
      pipeline.successInspector(value);
      return this;
    }

    /** Time and timers; default one daemon thread. For tests. */
    public Builder<R, E> scheduler(PipelineScheduler value) {
      pipeline.scheduler(value);
      return this;
    }

    /** Gauges the sink adds to the pipeline's; read from metric reporter threads. */
    public Builder<R, E> extraGauges(Supplier<Map<String, Number>> value) {
      this.extraGauges = Objects.requireNonNull(value, "extraGauges");
      return this;
    }

    /** What to add to a fatal failure's message (what to fix); empty for nothing. */
    public Builder<R, E> failureHint(Function<FatalDeliveryFailure, String> value) {
      this.failureHint = Objects.requireNonNull(value, "failureHint");
      return this;
    }

    /** What to close after the pipeline on stop: the client, the sink's own threads. */
    public Builder<R, E> resources(AutoCloseable value) {
      this.resources = Objects.requireNonNull(value, "resources");
      return this;
    }

    /**
     * The started sink, with its gauges registered under {@code kind} (e.g. {@code
     * kinesis-sink-task}) for the connector named in {@code originals}, or {@code defaultName}.
     * Call on the task thread, which names the task. When registering fails, the pipeline and the
     * resources are closed before the failure is rethrown: no sink exists that a stop could close.
     */
    public DeliverySink<R> start(
        SinkTaskContext context, String kind, Map<String, String> originals, String defaultName) {
      DeliverySink<R> sink = new DeliverySink<>(this, context);
      try {
        String name = originals.getOrDefault("name", defaultName);
        sink.metrics =
            TaskMetrics.register(
                kind, name, SinkTasks.currentTaskId(), sink::gauges, PluginGauges.of(context));
        return sink;
      } catch (RuntimeException e) {
        sink.closePipelineAndResources();
        throw e;
      }
    }
  }
}
