package io.kinesisbridge.source;

import io.kinesisbridge.common.PlannedConnector;
import io.kinesisbridge.common.Version;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import java.util.List;
import java.util.Map;

/** Kinesis Data Streams source task. Refuses to start until the data path lands (issue #4). */
public final class KinesisSourceTask extends SourceTask {

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public void start(Map<String, String> props) {
    throw PlannedConnector.notAvailable("Kinesis Data Streams source", 4);
  }

  @Override
  public List<SourceRecord> poll() {
    throw PlannedConnector.notAvailable("Kinesis Data Streams source", 4);
  }

  @Override
  public void stop() {
    // start() never succeeds, so there is nothing to release.
  }
}
