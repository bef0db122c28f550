package io.kinesisbridge.common.sink;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BufferWatermarkTest {

  private static PipelineFixture<TestRecord> bounded() {
    return PipelineFixture.perRecord(
        PipelineFixture.settings()
            .ordered(false)
            .maxEntriesPerRequest(1)
            .maxInFlightRequests(1)
            .bufferHighWatermarkBytes(1000)
            .bufferLowWatermarkBytes(400)
            .build());
  }

  @Test
  void bufferedBytesCountRecordsFromSubmitUntilAcknowledged() {
    try (PipelineFixture<TestRecord> fixture = bounded()) {
      fixture.submit(0, 300);
      fixture.submit(0, 200);
      assertThat(fixture.pipeline.bufferedBytes()).isEqualTo(500);

      fixture.sender.succeed(0);

      assertThat(fixture.pipeline.bufferedBytes()).isEqualTo(200);
      assertThat(fixture.pipeline.stats().bufferedRecords()).isEqualTo(1);
    }
  }

  @Test
  void theHighWatermarkSaysPauseAndTheLowOneSaysResume() {
    try (PipelineFixture<TestRecord> fixture = bounded()) {
      fixture.submit(0, 600);
      assertThat(fixture.pipeline.isAboveHighWatermark()).isFalse();
      assertThat(fixture.pipeline.isBelowLowWatermark()).isFalse();

      // 600 + 391 bytes and 2 tracked offsets of 9 bytes: 1,009, at the high mark; after the
      // first is acknowledged, 391 + 9 = 400, at the low mark.
      fixture.submit(0, 391);
      assertThat(fixture.pipeline.isAboveHighWatermark()).isTrue();

      fixture.sender.succeed(0);
      assertThat(fixture.pipeline.isAboveHighWatermark()).isFalse();
      assertThat(fixture.pipeline.isBelowLowWatermark()).isTrue();
    }
  }

  @Test
  void skippedRecordsTakeNoBufferAndForgottenOnesGiveItBackOnceOutOfFlight() {
    try (PipelineFixture<TestRecord> fixture = bounded()) {
      fixture.pipeline.skip(TestRecord.tp(5), 0);
      fixture.submit(1, 100);
      fixture.submit(1, 100);
      fixture.submit(2, 50);
      assertThat(fixture.pipeline.bufferedBytes()).isEqualTo(250);

      fixture.pipeline.forget(List.of(TestRecord.tp(1)));

      assertThat(fixture.pipeline.bufferedBytes()).as("the first is in flight").isEqualTo(150);
      fixture.sender.succeed(0);
      assertThat(fixture.pipeline.bufferedBytes()).isEqualTo(50);
      assertThat(fixture.sender.call(1).entries())
          .extracting(TestRecord::partition)
          .containsExactly(TestRecord.tp(2));
    }
  }

  /**
   * One record left unacknowledged holds the offsets of every later record of its partition,
   * acknowledged or not: with one slow key and a fast rest that grows without bound unless the
   * watermark counts it.
   */
  @Test
  void offsetsTrackedBehindAnUnacknowledgedRecordCountAgainstTheWatermark() {
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(
            PipelineFixture.settings()
                .ordered(false)
                .maxEntriesPerRequest(1)
                .maxInFlightRequests(1_000)
                .bufferHighWatermarkBytes(1000)
                .bufferLowWatermarkBytes(400)
                .build())) {
      fixture.submit(0, 1);
      for (int i = 0; i < 200; i++) {
        fixture.submit(0, 1);
      }
      for (int call = 1; call <= 200; call++) {
        fixture.sender.succeed(call);
      }

      assertThat(fixture.pipeline.bufferedBytes())
          .as("only the first is unacknowledged")
          .isEqualTo(1);
      assertThat(fixture.pipeline.heldBytes())
          .isEqualTo(1 + 201L * OffsetTracker.BYTES_PER_TRACKED_RECORD);
      assertThat(fixture.pipeline.isAboveHighWatermark()).isTrue();

      fixture.sender.succeed(0);
      assertThat(fixture.pipeline.isBelowLowWatermark()).isTrue();
    }
  }
}
