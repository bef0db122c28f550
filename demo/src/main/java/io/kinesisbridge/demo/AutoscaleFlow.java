package io.kinesisbridge.demo;

import io.kinesisbridge.testkit.KinesisStreams;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The autoscaling step of the demo: a second Kinesis sink connector with {@code
 * kinesis.autoscale.enabled=true} writes a burst into a one-shard provisioned stream, its
 * autoscaler measures the writes (here with the sink's own counters: there is no CloudWatch
 * locally) and asks Kinesis for a second shard. Windows are seconds instead of minutes, and the
 * scale-out share is 5 % instead of 80 %: on a laptop, with Kafka, Connect and kinesis-mock on the
 * same cores, the sink writes a few hundred records a second, well under one shard's 1,000.
 */
final class AutoscaleFlow {

  static final String STREAM = "demo-autoscale";
  static final String TOPIC = "demo-burst";
  static final String CONNECTOR = "kinesis-sink-autoscale";
  private static final int RECORDS = 30_000;

  /** Many keys: per-key order allows one record of a key in flight, so few keys write slowly. */
  private static final int KEYS = 1_000;

  private final ConnectRest rest;
  private final KinesisClient kinesis;
  private final Console console;

  AutoscaleFlow(ConnectRest rest, KinesisClient kinesis, Console console) {
    this.rest = rest;
    this.kinesis = kinesis;
    this.console = console;
  }

  /** The sink's demo config with the autoscaling settings of this step. */
  static Map<String, String> config(Map<String, String> sinkConfig) {
    Map<String, String> config = new HashMap<>(sinkConfig);
    config.put("topics", TOPIC);
    config.put("kinesis.stream.name", STREAM);
    config.put("kinesis.aggregation.enabled", "false");
    config.put("kinesis.autoscale.enabled", "true");
    config.put("kinesis.autoscale.min.shards", "1");
    config.put("kinesis.autoscale.max.shards", "4");
    config.put("kinesis.autoscale.load.source", "sink-counters");
    config.put("kinesis.autoscale.check.interval.ms", "1000");
    config.put("kinesis.autoscale.scale.out.after.ms", "3000");
    config.put("kinesis.autoscale.scale.out.utilization", "0.05");
    config.put("kinesis.autoscale.scale.in.utilization", "0.01");
    config.put("kinesis.autoscale.cooldown.ms", "600000");
    return config;
  }

  /** Writes the burst, starts the connector and waits for the scale-out; whether it came. */
  boolean run(String bootstrapServers, Map<String, String> config, Duration timeout)
      throws Exception {
    SampleRecords.createTopic(bootstrapServers, TOPIC, 4);
    SampleRecords.produce(bootstrapServers, TOPIC, RECORDS, KEYS);
    Instant start = Instant.now();
    rest.createConnector(CONNECTOR, config);
    console.step(
        "Kinesis sink autoscaling",
        String.format(
            "connector '%s' created: %,d records of topic %s -> stream %s (1 shard, autoscale"
                + " 1-4 shards above 5%% of a shard's capacity for 3 s)",
            CONNECTOR, RECORDS, TOPIC, STREAM));
    Instant deadline = start.plus(timeout);
    int open = openShards();
    while (open < 2 && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      open = openShards();
    }
    if (open >= 2) {
      console.detail(
          String.format(
              "stream %s scaled out to %d open shards %d s after the connector started (the"
                  + " connector's log says why: 'Autoscaler for stream ...')",
              STREAM, open, Duration.between(start, Instant.now()).toSeconds()));
    }
    rest.deleteConnector(CONNECTOR);
    return open >= 2;
  }

  private int openShards() {
    return KinesisStreams.openShards(kinesis, STREAM).size();
  }
}
