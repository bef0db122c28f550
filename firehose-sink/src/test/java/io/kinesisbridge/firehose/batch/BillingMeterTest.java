package io.kinesisbridge.firehose.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BillingMeterTest {

  @ParameterizedTest(name = "{0} bytes are billed as {1}")
  @CsvSource({"0, 5120", "1, 5120", "5120, 5120", "5121, 10240", "1024000, 1024000"})
  void everyRecordIsRoundedUpToTheNext5120Bytes(long size, long billed) {
    assertThat(BillingMeter.billedBytesOf(size)).isEqualTo(billed);
  }

  @Test
  void theRatioShowsWhatSmallUnpackedRecordsCost() {
    BillingMeter meter = new BillingMeter();
    for (int i = 0; i < 100; i++) {
      meter.accepted(100);
    }

    assertThat(meter.records()).isEqualTo(100);
    assertThat(meter.payloadBytes()).isEqualTo(10_000);
    assertThat(meter.billedBytes()).isEqualTo(512_000);
    assertThat(meter.billedToPayloadRatio()).isEqualTo(51.2);
  }
}
