package io.kinesisbridge.sink;

import io.kinesisbridge.common.connect.ErrantRecords;
import io.kinesisbridge.common.connect.SinkWriter;
import io.kinesisbridge.common.kinesis.StreamRef;
import io.kinesisbridge.common.sink.DeliveryPipeline;
import io.kinesisbridge.common.sink.FatalDeliveryFailure;
import io.kinesisbridge.common.sink.Packer;
import io.kinesisbridge.common.sink.PipelineSettings;
import io.kinesisbridge.common.sink.PipelineStats;
import io.kinesisbridge.common.sink.Submission;
import io.kinesisbridge.common.sink.SubmissionBatch;
import io.kinesisbridge.common.sink.SubmissionBatch.Prepared;
import io.kinesisbridge.sink.batch.KinesisEntry;
import io.kinesisbridge.sink.batch.KinesisPackers;
import io.kinesisbridge.sink.batch.Lane;
import io.kinesisbridge.sink.batch.PutRecordsSender;
import io.kinesisbridge.sink.batch.ShardCheck;
import io.kinesisbridge.sink.kinesis.KinesisPort;
import io.kinesisbridge.sink.kinesis.StreamCatalog;
import io.kinesisbridge.sink.record.KinesisUserRecord;
import io.kinesisbridge.sink.record.RecordPreparer;
import io.kinesisbridge.sink.record.UndeliverableRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The task's engine: prepares records, hands them to the shared delivery pipeline and answers with
 * the offsets Kinesis has acknowledged. Bad records go to the errant record reporter without
 * holding up the others.
 */
final class KinesisWriter implements SinkWriter {

  private final KinesisSinkConfig config;
  private final KinesisPort kinesis;
  private final StreamNames streams;
  private final StreamCatalog catalog;
  private final RecordPreparer preparer;
  private final DeliveryPipeline<KinesisUserRecord, KinesisEntry> pipeline;
  private final ScheduledExecutorService background;
  private final boolean failOnNullValues;
  private final SubmissionBatch<KinesisUserRecord> batch;
  private final Lane[] slotLanes = new Lane[Submission.KEY_SLOTS];

  KinesisWriter(KinesisSinkConfig config, KinesisPort kinesis, ErrantRecords errant) {
    this.config = config;
    this.kinesis = kinesis;
    this.failOnNullValues = config.delivery().failOnNullValues();
    this.streams = new StreamNames(config.streamTemplate());
    this.background =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "kinesis-sink-shard-maps");
              thread.setDaemon(true);
              return thread;
            });
    this.catalog = new StreamCatalog(kinesis, background, config.shardMapRefreshInterval());
    this.preparer = new RecordPreparer(config.partitionKeyStrategy(), config.spreadPartitions());
    this.pipeline =
        DeliveryPipeline.builder(packer(), new PutRecordsSender(kinesis, catalog::streamRef))
            .settings(settings(config))
            .successInspector(new ShardCheck(catalog::requestRefresh))
            .build();
    this.batch = new SubmissionBatch<>(pipeline, errant);
    for (int slot = 0; slot < slotLanes.length; slot++) {
      slotLanes[slot] = new Lane(null, null, slot);
    }
    StreamRef fixed = streams.fixedStream();
    if (fixed != null) {
      try {
        catalog.ensureLoaded(fixed);
      } catch (RuntimeException e) {
        // No writer comes out of this constructor, so nobody else could stop its threads; the
        // port stays open for the caller, who gave it.
        stopThreads();
        throw e;
      }
    }
  }

  private Packer<KinesisUserRecord, KinesisEntry> packer() {
    return config.aggregationEnabled()
        ? KinesisPackers.aggregating(catalog::shardMap, catalog::maxRecordBytes)
        : KinesisPackers.perRecord(catalog::shardMap);
  }

  private static PipelineSettings settings(KinesisSinkConfig config) {
    return config
        .delivery()
        .pipelineSettings()
        .name("kinesis-sink")
        .maxEntriesPerRequest(config.batchMaxRecords())
        .maxRequestBytes(config.batchMaxBytes())
        .ordered(config.ordering() != KinesisSinkConfig.Ordering.NONE)
        .build();
  }

  /** Prepares and submits {@code records}; never waits for Kinesis once its streams are known. */
  @Override
  public void write(Collection<SinkRecord> records) {
    throwIfFailed();
    loadStreams(records);
    batch.submit(records, this::prepare);
  }

  /**
   * Describes every new stream of the batch before anything is submitted, so a failure here leaves
   * nothing half-taken when Connect offers the same records again.
   */
  private void loadStreams(Collection<SinkRecord> records) {
    String previousTopic = null;
    for (SinkRecord record : records) {
      if (!record.topic().equals(previousTopic)) {
        previousTopic = record.topic();
        try {
          catalog.ensureLoaded(streams.streamFor(record.topic()));
        } catch (IllegalArgumentException badName) {
          // Reported per record by prepare().
        }
      }
    }
  }

  /** What to do with one record: send it, skip it, or report it as bad. */
  private Prepared<KinesisUserRecord> prepare(SinkRecord record) {
    if (record.value() == null && !failOnNullValues) {
      return Prepared.skip(record);
    }
    // The stream follows the topic after SMTs; offsets follow where the record was read.
    StreamRef target;
    try {
      target = streams.streamFor(record.topic());
    } catch (IllegalArgumentException badName) {
      // The topic turns the ${topic} template into no valid stream: none of its records can go.
      return Prepared.reject(new UndeliverableRecordException(badName.getMessage(), badName));
    }
    String stream = target.name();
    try {
      if (record.value() == null) {
        throw new UndeliverableRecordException(
            "the value is null and kinesis.null.value.behavior=fail");
      }
      // A record must fit the stream's record limit and, alone, a whole request.
      int limit = Math.min(catalog.maxRecordBytes(stream), config.batchMaxBytes());
      KinesisUserRecord prepared =
          preparer.prepare(stream, record, () -> catalog.shardMap(stream), limit);
      String shard = KinesisPackers.shardOfRecord(catalog.shardMap(stream), prepared);
      int slot = Submission.keySlot(prepared.hashKey().hashCode());
      return Prepared.send(
          new Submission<>(
              prepared.topicPartition(),
              prepared.offset(),
              stream,
              lane(prepared, shard, slot),
              prepared,
              prepared.wireSize(),
              orderSlot(slot),
              shard));
    } catch (UndeliverableRecordException e) {
      return Prepared.reject(e);
    }
  }

  /**
   * Per key, one lane per key slot, so keys never wait for each other and a new shard map cannot
   * reorder a key; aggregating, one lane per shard (an aggregate packs one shard's records), whose
   * records stay in order across a reshard through their {@link #orderSlot}. Unordered, one lane
   * per shard, so a throttled shard holds back only its own records.
   */
  private Lane lane(KinesisUserRecord record, String shard, int slot) {
    boolean aggregating = config.aggregationEnabled();
    return switch (config.ordering()) {
      case PER_KEY -> aggregating ? new Lane(null, shard, Submission.NO_SLOT) : slotLanes[slot];
      case PER_PARTITION -> new Lane(record.topicPartition(), shard, Submission.NO_SLOT);
      case NONE -> new Lane(null, shard, Submission.NO_SLOT);
    };
  }

  private int orderSlot(int slot) {
    return config.ordering() == KinesisSinkConfig.Ordering.PER_KEY && config.aggregationEnabled()
        ? slot
        : Submission.NO_SLOT;
  }

  @Override
  public Map<TopicPartition, Long> committableOffsets() {
    return pipeline.committable();
  }

  @Override
  public void forget(Collection<TopicPartition> partitions) {
    pipeline.forget(partitions);
  }

  /** Rethrows a fatal delivery failure so the task stops with its reason. */
  @Override
  public void throwIfFailed() {
    Optional<FatalDeliveryFailure> failure = pipeline.fatalFailure();
    if (failure.isPresent()) {
      throw new ConnectException(failure.get().message(), failure.get().cause());
    }
  }

  @Override
  public boolean isAboveHighWatermark() {
    return pipeline.isAboveHighWatermark();
  }

  @Override
  public boolean isBelowLowWatermark() {
    return pipeline.isBelowLowWatermark();
  }

  @Override
  public long bufferedBytes() {
    return pipeline.bufferedBytes();
  }

  String describeTarget() {
    return "stream "
        + config.streamTemplate()
        + (config.aggregationEnabled() ? " (aggregating)" : "");
  }

  /** The task's gauges: the pipeline's counters plus what only the writer sees. */
  @Override
  public Map<String, Number> gauges() {
    PipelineStats stats = pipeline.stats();
    Map<String, Number> gauges = new LinkedHashMap<>(stats.asGauges());
    // Batch fill and aggregation ratio: what aggregation and batching save in Kinesis calls.
    gauges.put("entries-per-request-avg", stats.entriesPerRequestAvg());
    gauges.put("records-per-entry-avg", stats.recordsPerEntryAvg());
    gauges.put("records-skipped-null", batch.skipped());
    gauges.put("records-dropped-to-dlq", batch.reported());
    return gauges;
  }

  @Override
  public void close() {
    stopThreads();
    kinesis.close();
  }

  /** Stops the pipeline's timer and the shard-map refresher; the port is left as it is. */
  private void stopThreads() {
    pipeline.close();
    background.shutdownNow();
    try {
      background.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
