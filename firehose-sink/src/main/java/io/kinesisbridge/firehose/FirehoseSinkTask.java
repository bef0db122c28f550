package io.kinesisbridge.firehose;

import io.kinesisbridge.common.Version;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.connect.ErrantRecords;
import io.kinesisbridge.common.connect.SinkSession;
import io.kinesisbridge.common.metrics.CloudWatchMetrics;
import io.kinesisbridge.firehose.client.FirehosePort;
import io.kinesisbridge.firehose.client.SdkFirehosePort;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;

/**
 * Writes its partitions' records to Amazon Data Firehose. {@link #put} hands records to the {@link
 * FirehoseWriter} and returns; {@link #preCommit} reports only offsets whose records Firehose has
 * acknowledged; a fatal delivery failure is rethrown from the next put or preCommit.
 */
public final class FirehoseSinkTask extends SinkTask {

  private static final Logger LOG = LoggerFactory.getLogger(FirehoseSinkTask.class);

  private SinkSession session;

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

  /** Starts on a given port; unit tests pass a fake. */
  void start(FirehoseSinkConfig config, FirehosePort firehose) {
    FirehoseWriter writer;
    try {
      writer = new FirehoseWriter(config, firehose, ErrantRecords.from(context));
    } catch (RuntimeException e) {
      // The writer owns the port once built; before that, nobody else would close it.
      firehose.close();
      throw e;
    }
    session =
        SinkSession.start(
            context, writer, "firehose-sink-task", config.originalsStrings(), "firehose-sink");
    // Assigned first: stop() closes the session if the publisher cannot start.
    session.publishMetrics(CloudWatchMetrics.forTask(config, config::awsSettings, "firehose-sink"));
    LOG.info("Firehose sink task started for {}", writer.describeTarget());
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
