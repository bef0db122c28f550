package io.kinesisbridge.sink;

import io.kinesisbridge.common.PlannedConnector;
import io.kinesisbridge.common.Version;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

import java.util.Collection;
import java.util.Map;

/**
 * Kinesis Data Streams sink task. Refuses to start until the data path lands (issue #3), so no
 * offset moves.
 */
public final class KinesisSinkTask extends SinkTask {

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public void start(Map<String, String> props) {
    throw PlannedConnector.notAvailable("Kinesis Data Streams sink", 3);
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    throw PlannedConnector.notAvailable("Kinesis Data Streams sink", 3);
  }

  @Override
  public void stop() {
    // start() never succeeds, so there is nothing to release.
  }
}
