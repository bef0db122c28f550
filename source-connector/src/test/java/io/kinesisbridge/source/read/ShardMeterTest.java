package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.ShardKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShardMeterTest {

  private long now = 5_000_000;
  private final ShardMeter meter = new ShardMeter(new ShardKey("orders", "shardId-0"), () -> now);

  @Test
  void droppedRecordsAreAllCountedButWarnedOfAtMostOnceAMinute() {
    assertThat(meter.droppedOutOfRange(3)).isEqualTo(3);
    now += 1_000;
    assertThat(meter.droppedOutOfRange(2)).isZero();
    now += ShardMeter.DROP_WARNING_INTERVAL_MS;
    assertThat(meter.droppedOutOfRange(4)).isEqualTo(6);

    assertThat(meter.gauges()).containsEntry("records-dropped-out-of-range", 9L);
  }
}
