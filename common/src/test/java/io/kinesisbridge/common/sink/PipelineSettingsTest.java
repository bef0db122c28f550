package io.kinesisbridge.common.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineSettingsTest {

  @Test
  void theDefaultsSuitTheKinesisLimits() {
    PipelineSettings settings = PipelineSettings.builder().build();

    assertThat(settings.maxEntriesPerRequest()).isEqualTo(500);
    assertThat(settings.maxRequestBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(settings.ordered()).isTrue();
    assertThat(settings.bufferLowWatermarkBytes())
        .isEqualTo(settings.bufferHighWatermarkBytes() / 2);
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        bad("maxEntriesPerRequest", b -> b.maxEntriesPerRequest(0)),
        bad("maxRequestBytes", b -> b.maxRequestBytes(0)),
        bad("maxInFlightRequests", b -> b.maxInFlightRequests(0)),
        bad("linger", b -> b.linger(Duration.ofMillis(-1))),
        bad("deliveryTimeout", b -> b.deliveryTimeout(Duration.ZERO)),
        bad("max", b -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))),
        bad("bufferLowWatermark", b -> b.bufferHighWatermarkBytes(10).bufferLowWatermarkBytes(11)),
        bad("min <= initial <= max", b -> b.entriesPerSecond(100, 10, 50)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void badValuesAreRefusedWithTheirName(
      String name, UnaryOperator<PipelineSettings.Builder> change) {
    assertThatThrownBy(() -> change.apply(PipelineSettings.builder()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  private static Arguments bad(String name, UnaryOperator<PipelineSettings.Builder> change) {
    return Arguments.of(name, change);
  }
}
