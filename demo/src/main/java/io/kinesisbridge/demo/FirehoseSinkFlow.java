package io.kinesisbridge.demo;

import io.kinesisbridge.testkit.firehose.FirehoseEndpoint;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Firehose sink flow of the demo: create the connector from {@code config/firehose-sink.json}
 * over REST, pointed at the Firehose test endpoint, and watch objects land in the S3 bucket.
 */
final class FirehoseSinkFlow {

  private final ConnectRest rest;
  private final FirehoseEndpoint firehose;
  private final S3Client s3;
  private final Console console;

  FirehoseSinkFlow(ConnectRest rest, FirehoseEndpoint firehose, S3Client s3, Console console) {
    this.rest = rest;
    this.firehose = firehose;
    this.s3 = s3;
    this.console = console;
  }

  /** Creates the connector and waits until {@code expected} lines are in S3; whether they are. */
  boolean run(
      String name, Map<String, String> config, String bucket, int expected, Duration timeout)
      throws Exception {
    rest.createConnector(name, config);
    console.step(
        "Firehose sink",
        "connector '"
            + name
            + "' created: topic "
            + config.get("topics")
            + " -> delivery stream "
            + config.get("firehose.delivery.stream")
            + " -> s3://"
            + bucket);
    Instant deadline = Instant.now().plus(timeout);
    int lines = 0;
    List<S3Object> objects = List.of();
    while (lines < expected && Instant.now().isBefore(deadline)) {
      Thread.sleep(1_000);
      firehose.flushAll();
      objects = s3.listObjectsV2(b -> b.bucket(bucket)).contents();
      int now = countLines(bucket, objects);
      if (now != lines) {
        lines = now;
        console.detail(
            String.format(
                "%,d of %,d records in %d S3 object(s)", lines, expected, objects.size()));
      }
    }
    console.detail("connector state: " + rest.connectorState(name));
    objects.stream()
        .limit(3)
        .forEach(
            o -> console.detail("s3://" + bucket + "/" + o.key() + " (" + o.size() + " bytes)"));
    var stats = firehose.stats().snapshot();
    console.detail(
        String.format(
            "%,d Kafka records went as %,d Firehose records in %,d PutRecordBatch calls",
            lines, stats.recordsAccepted(), stats.calls()));
    return lines >= expected;
  }

  private int countLines(String bucket, List<S3Object> objects) {
    int lines = 0;
    for (S3Object object : objects) {
      String body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asUtf8String();
      lines += (int) body.chars().filter(c -> c == '\n').count();
    }
    return lines;
  }
}
