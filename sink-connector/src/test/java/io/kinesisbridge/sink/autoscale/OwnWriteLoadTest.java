package io.kinesisbridge.sink.autoscale;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OwnWriteLoadTest {

  @Test
  void ratesComeFromWhatTheTasksCountedBetweenTwoSamples() {
    StreamWriteMeter meter = StreamWriteMeter.of("own-write-load-test");
    OwnWriteLoad load = new OwnWriteLoad(meter);
    Instant t0 = Instant.parse("2026-03-02T00:00:00Z");
    meter.accepted("shard-a", 500); // before the first sample: not part of any rate

    assertThat(load.sample(t0, 2)).as("nothing to compare the first reading with").isEmpty();
    for (int i = 0; i < 100; i++) {
      meter.accepted("shard-b", 1_000);
    }
    meter.throttled();
    meter.throttled();
    StreamLoadSample sample = load.sample(t0.plusSeconds(10), 2).orElseThrow();

    assertThat(sample.recordsPerSecond()).isCloseTo(10, within(1e-9));
    assertThat(sample.bytesPerSecond()).isCloseTo(10_000, within(1e-9));
    assertThat(sample.throttledPerSecond()).isCloseTo(0.2, within(1e-9));
    assertThat(sample.shards())
        .as("shard-a took nothing in the period")
        .extracting(ShardLoad::shardId)
        .containsExactly("shard-b");
    assertThat(sample.openShards()).isEqualTo(2);
  }
}
