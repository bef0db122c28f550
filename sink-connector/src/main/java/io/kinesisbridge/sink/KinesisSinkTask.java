package io.kinesisbridge.sink;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.connect.ErrantRecords;
import io.kinesisbridge.common.connect.SinkSession;
import io.kinesisbridge.common.metrics.CloudWatchMetrics;
import io.kinesisbridge.sink.kinesis.KinesisPort;
import io.kinesisbridge.sink.kinesis.SdkKinesisPort;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;

/**
 * Writes its partitions' records to Kinesis. {@link #put} hands records to the {@link
 * KinesisWriter} and returns; {@link #preCommit} reports only offsets whose records Kinesis has
 * acknowledged; a fatal delivery failure is rethrown from the next put or preCommit.
 */
public final class KinesisSinkTask extends SinkTask {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisSinkTask.class);

  private SinkSession session;

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
   * calls {@link #stop()} after a failed start, but only a started session would close anything.
   * Unit tests pass a fake.
   */
  void start(KinesisSinkConfig config, KinesisPort kinesis) {
    KinesisWriter writer;
    try {
      writer = new KinesisWriter(config, kinesis, ErrantRecords.from(context));
    } catch (RuntimeException e) {
      kinesis.close();
      throw e;
    }
    session =
        SinkSession.start(
            context, writer, "kinesis-sink-task", config.originalsStrings(), "kinesis-sink");
    // Assigned first: stop() closes the session if the publisher cannot start.
    session.publishMetrics(CloudWatchMetrics.forTask(config, config::awsSettings, "kinesis-sink"));
    LOG.info("Kinesis sink task started for {}", writer.describeTarget());
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    session.put(records);
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    return session.preCommit(currentOffsets);
  }

  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // preCommit never calls flush: offsets come from acknowledgements, not from waiting.
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    if (session != null) {
      session.close(partitions);
    }
  }

  @Override
  public void stop() {
    if (session != null) {
      session.stop();
      session = null;
    }
  }
}
