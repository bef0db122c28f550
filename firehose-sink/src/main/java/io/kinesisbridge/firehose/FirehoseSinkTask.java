package io.kinesisbridge.firehose;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.metrics.CloudWatchMetrics;
import io.kinesisbridge.common.sink.DeliverySink;
import io.kinesisbridge.common.sink.Packer;
import io.kinesisbridge.common.sink.PipelineSettings;
import io.kinesisbridge.firehose.batch.BillingMeter;
import io.kinesisbridge.firehose.batch.FirehosePackers;
import io.kinesisbridge.firehose.batch.PutRecordBatchSender;
import io.kinesisbridge.firehose.client.DeliveryStreamCatalog;
import io.kinesisbridge.firehose.client.FirehoseErrorHints;
import io.kinesisbridge.firehose.client.FirehosePort;
import io.kinesisbridge.firehose.client.SdkFirehosePort;
import io.kinesisbridge.firehose.record.FirehoseRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes its partitions' records to Amazon Data Firehose through a {@link DeliverySink}: {@link
 * #put} hands records to it and returns; {@link #preCommit} reports only offsets whose records
 * Firehose has acknowledged; a fatal delivery failure is rethrown from the next put or preCommit.
 */
public final class FirehoseSinkTask extends SinkTask {

  private static final Logger LOG = LoggerFactory.getLogger(FirehoseSinkTask.class);

  private DeliverySink<FirehoseRecord> sink;

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public void start(Map<String, String> props) {
    FirehoseSinkConfig config = new FirehoseSinkConfig(props);
    AwsClientFactory clients = AwsClientFactory.create(config.awsSettings());
    FirehosePort firehose;
    try {
      firehose = new SdkFirehosePort(clients);
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
    start(config, firehose);
  }

  /** Starts on a given port, which the task owns from now on; unit tests pass a fake. */
  void start(FirehoseSinkConfig config, FirehosePort firehose) {
    BillingMeter meter = new BillingMeter();
    DeliverySink.Builder<FirehoseRecord, Record> builder;
    try {
      DeliveryStreamNames streams = new DeliveryStreamNames(config.deliveryStreamTemplate());
      DeliveryStreamCatalog catalog = new DeliveryStreamCatalog(firehose);
      String fixed = streams.fixedStream();
      if (fixed != null) {
        try {
          catalog.ensureUsable(fixed);
        } catch (RetriableException notYet) {
          // Still being created: the first put() checks again, and Connect retries it until then.
          LOG.info("{}; records wait until it is ACTIVE", notYet.getMessage());
        }
      }
      builder =
          DeliverySink.builder(
                  new FirehoseRecords(config, streams, catalog),
                  packer(config),
                  new PutRecordBatchSender(firehose, meter))
              .settings(settings(config))
              .extraGauges(() -> billingGauges(meter))
              .failureHint(failure -> FirehoseErrorHints.forCode(failure.classification().code()))
              .resources(firehose::close);
    } catch (RuntimeException e) {
      // Before the sink exists, nobody else would close the port.
      firehose.close();
      throw e;
    }
    // From here on the sink closes the port, also when it cannot start.
    sink = builder.start(context, "firehose-sink-task", config.originalsStrings(), "firehose-sink");
    // Assigned first: stop() closes the sink if the publisher cannot start.
    sink.publishMetrics(CloudWatchMetrics.forTask(config, config::awsSettings, "firehose-sink"));
    LOG.info(
        "Firehose sink task started for delivery stream {} (format {}, delimiter {}{}",
        config.deliveryStreamTemplate(),
        config.formatName(),
        config.delimiter(),
        config.packingEnabled() ? ", packing)" : ")");
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

  /** What Firehose bills: records accepted, their payload and their billed bytes. */
  private static Map<String, Number> billingGauges(BillingMeter meter) {
    Map<String, Number> gauges = new LinkedHashMap<>();
    gauges.put("firehose-records-accepted", meter.records());
    gauges.put("payload-bytes", meter.payloadBytes());
    gauges.put("billed-bytes", meter.billedBytes());
    gauges.put("billed-to-payload-ratio", meter.billedToPayloadRatio());
    return gauges;
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    sink.put(records);
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    return sink.preCommit(currentOffsets);
  }

  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // preCommit never calls flush: offsets come from acknowledgements, not from waiting.
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    if (sink != null) {
      sink.close(partitions);
    }
  }

  @Override
  public void stop() {
    if (sink != null) {
      sink.stop();
      sink = null;
    }
  }
}
