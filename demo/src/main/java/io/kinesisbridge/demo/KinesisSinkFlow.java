package io.kinesisbridge.demo;

import io.kinesisbridge.testkit.DeaggregatedRecords;
import io.kinesisbridge.testkit.KinesisReader;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The Kinesis sink flow of the demo: create the connector from {@code config/kinesis-sink.json}
 * over REST and watch the sample records arrive in the stream.
 */
final class KinesisSinkFlow {

  private final ConnectRest rest;
  private final KinesisClient kinesis;
  private final Console console;

  KinesisSinkFlow(ConnectRest rest, KinesisClient kinesis, Console console) {
    this.rest = rest;
    this.kinesis = kinesis;
    this.console = console;
  }

  /** Creates the connector and waits for {@code expected} records; whether all arrived. */
  boolean run(
      String name, Map<String, String> config, String stream, int expected, Duration timeout)
      throws Exception {
    rest.createConnector(name, config);
    console.step(
        "Kinesis sink",
        "connector '" + name + "' created: topic " + config.get("topics") + " -> stream " + stream);
    KinesisReader reader = new KinesisReader(kinesis);
    Instant deadline = Instant.now().plus(timeout);
    int seen = 0;
    DeaggregatedRecords records = null;
    while (seen < expected && Instant.now().isBefore(deadline)) {
      Thread.sleep(1_000);
      records = reader.readAllDeaggregated(stream);
      int now = records.userRecords().size();
      if (now != seen) {
        seen = now;
        console.detail(
            String.format("%,d of %,d records in Kinesis stream %s", seen, expected, stream));
      }
    }
    console.detail("connector state: " + rest.connectorState(name));
    if (records != null && seen >= expected) {
      console.detail(
          String.format(
              "%,d user records in %,d Kinesis records over %d shards",
              records.userRecords().size(),
              records.kinesisRecordCount(),
              records.userRecords().stream().map(r -> r.shardId()).distinct().count()));
    }
    return seen >= expected;
  }
}
