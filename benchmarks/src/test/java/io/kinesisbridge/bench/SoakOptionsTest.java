package io.kinesisbridge.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The soak's arguments: defaults, overrides and refusals in plain words. */
class SoakOptionsTest {

  @Test
  void defaultsAreHalfAnHourAtFiveHundredRecordsASecondSampledEveryMinute() {
    SoakOptions options = SoakOptions.parse(List.of("plugin.path=/tmp"));

    assertThat(options.minutes()).isEqualTo(30);
    assertThat(options.rate()).isEqualTo(500);
    assertThat(options.recordBytes()).isEqualTo(200);
    assertThat(options.keys()).isEqualTo(1_000);
    assertThat(options.sample()).isEqualTo(Duration.ofMinutes(1));
    assertThat(options.window()).isEqualTo(20);
    assertThat(options.kinesisAggregation()).isTrue();
    assertThat(options.out()).isEqualTo(Path.of("target/soak"));
  }

  @Test
  void everyOptionCanBeSet() {
    SoakOptions options =
        SoakOptions.parse(
            List.of(
                "plugin.path=/tmp",
                "minutes=3",
                "--rate=1,000",
                "sample.s=15",
                "kinesis.aggregation=false",
                "out=../docs"));

    assertThat(options.minutes()).isEqualTo(3);
    assertThat(options.rate()).isEqualTo(1_000);
    assertThat(options.sample()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.kinesisAggregation()).isFalse();
    assertThat(options.out()).isEqualTo(Path.of("../docs"));
  }

  @Test
  void anUnknownKeyIsRefusedWithTheUsage() {
    assertThatThrownBy(() -> SoakOptions.parse(List.of("plugin.path=/tmp", "minuts=3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option(s) [minuts]")
        .hasMessageContaining("minutes=30");
  }

  @Test
  void aZeroRateOrAWordForABooleanIsRefused() {
    assertThatThrownBy(() -> SoakOptions.parse(List.of("plugin.path=/tmp", "rate=0")))
        .hasMessageContaining("must be at least 1: 0");
    assertThatThrownBy(
            () -> SoakOptions.parse(List.of("plugin.path=/tmp", "kinesis.aggregation=yes")))
        .hasMessageContaining("expected true or false, got yes");
  }
}
