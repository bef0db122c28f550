package io.kinesisbridge.sink;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.kinesis.StreamRef;
import io.kinesisbridge.common.metrics.CloudWatchMetrics;
import io.kinesisbridge.common.sink.DeliverySink;
import io.kinesisbridge.common.sink.Packer;
import io.kinesisbridge.common.sink.PipelineSettings;
import io.kinesisbridge.sink.batch.KinesisEntry;
import io.kinesisbridge.sink.batch.KinesisPackers;
import io.kinesisbridge.sink.batch.PutRecordsSender;
import io.kinesisbridge.sink.batch.ShardCheck;
import io.kinesisbridge.sink.kinesis.KinesisPort;
import io.kinesisbridge.sink.kinesis.SdkKinesisPort;
import io.kinesisbridge.sink.kinesis.StreamCatalog;
import io.kinesisbridge.sink.record.KinesisUserRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes its partitions' records to Kinesis through a {@link DeliverySink}: {@link #put} hands
 * records to it and returns; {@link #preCommit} reports only offsets whose records Kinesis has
 * acknowledged; a fatal delivery failure is rethrown from the next put or preCommit.
 */
public final class KinesisSinkTask extends SinkTask {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisSinkTask.class);

  private DeliverySink<KinesisUserRecord> sink;

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public void start(Map<String, String> props) {
    KinesisSinkConfig config = new KinesisSinkConfig(props);
    AwsClientFactory clients = AwsClientFactory.create(config.awsSettings());
    KinesisPort kinesis;
    try {
      kinesis = new SdkKinesisPort(clients);
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
    start(config, kinesis);
  }

  /**
   * Starts on a given port, which the task owns from now on, also when the start fails: Connect
   * calls {@link #stop()} after a failed start, but only a started sink would close anything. Unit
   * tests pass a fake.
   */
  void start(KinesisSinkConfig config, KinesisPort kinesis) {
    ScheduledExecutorService background =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "kinesis-sink-shard-maps");
              thread.setDaemon(true);
              return thread;
            });
    // Closed after the pipeline: the shard-map refresher, then the port.
    AutoCloseable resources =
        () -> {
          stopThreads(background);
          kinesis.close();
        };
    DeliverySink.Builder<KinesisUserRecord, KinesisEntry> builder;
    try {
      StreamCatalog catalog =
          new StreamCatalog(kinesis, background, config.shardMapRefreshInterval());
      StreamNames streams = new StreamNames(config.streamTemplate());
      StreamRef fixed = streams.fixedStream();
      if (fixed != null) {
        describeEarly(catalog, fixed);
      }
      builder =
          DeliverySink.builder(
                  new KinesisRecords(config, streams, catalog),
                  packer(config, catalog),
                  new PutRecordsSender(
                      kinesis, catalog::streamRef, config.scalingPolicy().isPresent()))
              .settings(settings(config))
              .successInspector(new ShardCheck(catalog::requestRefresh))
              .resources(resources);
    } catch (RuntimeException e) {
      closeQuietly(resources);
      throw e;
    }
    // From here on the sink closes the resources, also when it cannot start.
    sink = builder.start(context, "kinesis-sink-task", config.originalsStrings(), "kinesis-sink");
    // Assigned first: stop() closes the sink if the publisher cannot start.
    sink.publishMetrics(CloudWatchMetrics.forTask(config, config::awsSettings, "kinesis-sink"));
    LOG.info(
        "Kinesis sink task started for stream {}{}",
        config.streamTemplate(),
        config.aggregationEnabled() ? " (aggregating)" : "");
  }

  private static Packer<KinesisUserRecord, KinesisEntry> packer(
      KinesisSinkConfig config, StreamCatalog catalog) {
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

  private static void stopThreads(ScheduledExecutorService background) {
    background.shutdownNow();
    try {
      background.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable resources) {
    try {
      resources.close();
    } catch (Exception e) {
      LOG.warn("Closing the task's resources failed", e);
    }
  }

  /**
   * Describes the fixed stream at start, so a missing stream or denied access fails the task with
   * its reason at once. Kinesis out of reach is not such a reason: Connect never restarts a task
   * whose start threw, so one network cut during a rebalance would leave its tasks FAILED; the
   * first put describes the stream again and, until that works, Connect offers the batch again.
   */
  private static void describeEarly(StreamCatalog catalog, StreamRef stream) {
    try {
      catalog.ensureLoaded(stream);
    } catch (RetriableException unreachable) {
      LOG.warn(
          "Could not describe Kinesis stream '{}' at start ({}); the first batch tries again",
          stream,
          unreachable.getMessage());
    }
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
