package io.kinesisbridge.firehose;

import io.kinesisbridge.common.connect.ErrantRecords;
import io.kinesisbridge.common.connect.SinkWriter;
import io.kinesisbridge.common.sink.DeliveryPipeline;
import io.kinesisbridge.common.sink.FatalDeliveryFailure;
import io.kinesisbridge.common.sink.Packer;
import io.kinesisbridge.common.sink.PipelineSettings;
import io.kinesisbridge.common.sink.PipelineStats;
import io.kinesisbridge.common.sink.Submission;
import io.kinesisbridge.common.sink.SubmissionBatch;
import io.kinesisbridge.common.sink.SubmissionBatch.Prepared;
import io.kinesisbridge.firehose.batch.BillingMeter;
import io.kinesisbridge.firehose.batch.FirehosePackers;
import io.kinesisbridge.firehose.batch.PutRecordBatchSender;
import io.kinesisbridge.firehose.client.DeliveryStreamCatalog;
import io.kinesisbridge.firehose.client.FirehoseErrorHints;
import io.kinesisbridge.firehose.client.FirehosePort;
import io.kinesisbridge.firehose.record.FirehoseRecord;
import io.kinesisbridge.firehose.record.RecordPreparer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The task's engine: formats records, hands them to the shared delivery pipeline and answers with
 * the offsets Firehose has acknowledged. Bad records go to the errant record reporter without
 * holding up the others.
 */
final class FirehoseWriter implements SinkWriter {

  private static final Logger LOG = LoggerFactory.getLogger(FirehoseWriter.class);

  private final FirehoseSinkConfig config;
  private final FirehosePort firehose;
  private final DeliveryStreamNames streams;
  private final DeliveryStreamCatalog catalog;
  private final RecordPreparer preparer;
  private final BillingMeter meter = new BillingMeter();
  private final DeliveryPipeline<FirehoseRecord, Record> pipeline;
  private final boolean failOnNullValues;
  private final SubmissionBatch<FirehoseRecord> batch;

  FirehoseWriter(FirehoseSinkConfig config, FirehosePort firehose, ErrantRecords errant) {
    this.config = config;
    this.firehose = firehose;
    this.failOnNullValues = config.delivery().failOnNullValues();
    this.streams = new DeliveryStreamNames(config.deliveryStreamTemplate());
    this.catalog = new DeliveryStreamCatalog(firehose);
    this.preparer =
        new RecordPreparer(config.format(), config.delimiter(), config.maxRecordBytes());
    String fixed = streams.fixedStream();
    if (fixed != null) {
      try {
        catalog.ensureUsable(fixed);
      } catch (RetriableException notYet) {
        // Still being created: the first put() checks again, and Connect retries it until then.
        LOG.info("{}; records wait until it is ACTIVE", notYet.getMessage());
      }
    }
    this.pipeline =
        DeliveryPipeline.builder(packer(config), new PutRecordBatchSender(firehose, meter))
            .settings(settings(config))
            .build();
    this.batch = new SubmissionBatch<>(pipeline, errant);
  }

  private static Packer<FirehoseRecord, Record> packer(FirehoseSinkConfig config) {
    return config.packingEnabled()
        ? FirehosePackers.packing(config.maxRecordBytes())
        : FirehosePackers.perRecord();
  }

  private static PipelineSettings settings(FirehoseSinkConfig config) {
    return config
        .delivery()
        .pipelineSettings()
        .name("firehose-sink")
        .maxEntriesPerRequest(config.batchMaxRecords())
        .maxRequestBytes(config.batchMaxBytes())
        // Firehose keeps no order between records, so nothing is gained by holding records back.
        .ordered(false)
        .build();
  }

  /** Formats and submits {@code records}; never waits for Firehose once a stream was checked. */
  @Override
  public void write(Collection<SinkRecord> records) {
    throwIfFailed();
    checkDestinations(records);
    batch.submit(records, this::prepare);
  }

  /**
   * Checks every new delivery stream of the batch before anything is submitted, so a retriable
   * failure here leaves nothing half-taken when Connect offers the same records again.
   */
  private void checkDestinations(Collection<SinkRecord> records) {
    String previousTopic = null;
    for (SinkRecord record : records) {
      if (!record.topic().equals(previousTopic)) {
        previousTopic = record.topic();
        try {
          catalog.ensureUsable(streams.streamFor(record.topic()));
        } catch (IllegalArgumentException badName) {
          // Reported per record by prepare().
        }
      }
    }
  }

  /** What to do with one record: send it, skip it, or report it as bad. */
  private Prepared<FirehoseRecord> prepare(SinkRecord record) {
    if (record.value() == null && !failOnNullValues) {
      return Prepared.skip(record);
    }
    try {
      if (record.value() == null) {
        throw new DataException("the value is null and firehose.null.value.behavior=fail");
      }
      // The stream follows the topic after SMTs; offsets follow where the record was read.
      String stream = streams.streamFor(record.topic());
      FirehoseRecord prepared = preparer.prepare(stream, record);
      // One lane per delivery stream: Firehose has no order to keep, and packing may then
      // combine records of every partition bound for the stream.
      return Prepared.send(
          new Submission<>(
              prepared.topicPartition(),
              prepared.offset(),
              stream,
              stream,
              prepared,
              prepared.size()));
    } catch (DataException | IllegalArgumentException e) {
      return Prepared.reject(e);
    }
  }

  @Override
  public Map<TopicPartition, Long> committableOffsets() {
    return pipeline.committable();
  }

  @Override
  public void forget(Collection<TopicPartition> partitions) {
    pipeline.forget(partitions);
  }

  /** Rethrows a fatal delivery failure, with what to fix, so the task stops with its reason. */
  @Override
  public void throwIfFailed() {
    Optional<FatalDeliveryFailure> failure = pipeline.fatalFailure();
    if (failure.isPresent()) {
      String hint = FirehoseErrorHints.forCode(failure.get().classification().code());
      String message = failure.get().message() + (hint.isEmpty() ? "" : " " + hint);
      throw new ConnectException(message, failure.get().cause());
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
    return "delivery stream "
        + config.deliveryStreamTemplate()
        + " (format "
        + config.formatName()
        + ", delimiter "
        + config.delimiter()
        + (config.packingEnabled() ? ", packing)" : ")");
  }

  /** The task's gauges: the pipeline's counters plus billing and what only the writer sees. */
  @Override
  public Map<String, Number> gauges() {
    PipelineStats stats = pipeline.stats();
    Map<String, Number> gauges = new LinkedHashMap<>(stats.asGauges());
    gauges.put("entries-per-request-avg", stats.entriesPerRequestAvg());
    gauges.put("records-per-entry-avg", stats.recordsPerEntryAvg());
    gauges.put("firehose-records-accepted", meter.records());
    gauges.put("payload-bytes", meter.payloadBytes());
    gauges.put("billed-bytes", meter.billedBytes());
    gauges.put("billed-to-payload-ratio", meter.billedToPayloadRatio());
    gauges.put("records-skipped-null", batch.skipped());
    gauges.put("records-dropped-to-dlq", batch.reported());
    return gauges;
  }

  @Override
  public void close() {
    pipeline.close();
    firehose.close();
  }
}
