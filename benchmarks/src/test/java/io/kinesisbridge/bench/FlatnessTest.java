package io.kinesisbridge.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The soak's flatness verdict: slope over the last minutes, tolerance, first against last. */
class FlatnessTest {

  private static SoakSample heapAt(double minute, double heapMiB) {
    return new SoakSample(minute, heapMiB, 200, 500, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "");
  }

  private static List<SoakSample> heapLine(double start, double perMinute, int minutes) {
    List<SoakSample> samples = new ArrayList<>();
    for (int m = 1; m <= minutes; m++) {
      samples.add(heapAt(m, start + perMinute * m));
    }
    return samples;
  }

  @Test
  void aLineGrowingByAMebibyteAMinuteGrowsByTwentyOverTwentyMinutesAndIsNotFlat() {
    Flatness heap =
        Flatness.of("heap", "MiB", heapLine(100, 1, 30), SoakSample::heapAfterGcMiB, 20, 5);

    assertThat(heap.slopePerMinute()).isCloseTo(1, within(1e-9));
    assertThat(heap.fromMinute()).isEqualTo(10);
    assertThat(heap.toMinute()).isEqualTo(30);
    assertThat(heap.fittedGrowth()).isCloseTo(20, within(1e-9));
    assertThat(heap.flat()).isFalse();
    assertThat(heap.verdict()).startsWith("heap: GROWS");
  }

  @Test
  void noiseAroundALevelInsideTheToleranceIsFlat() {
    List<SoakSample> samples = new ArrayList<>();
    for (int m = 1; m <= 30; m++) {
      samples.add(heapAt(m, 100 + (m % 2 == 0 ? 3 : -3)));
    }

    Flatness heap = Flatness.of("heap", "MiB", samples, SoakSample::heapAfterGcMiB, 20, 5);

    assertThat(heap.flat()).isTrue();
    assertThat(heap.min()).isEqualTo(97);
    assertThat(heap.max()).isEqualTo(103);
  }

  @Test
  void aStepUpAtTheEndIsCaughtByFirstAgainstLastEvenWhenTheSlopeIsSmall() {
    List<SoakSample> samples = heapLine(100, 0, 30);
    samples.set(29, heapAt(30, 110));

    Flatness heap = Flatness.of("heap", "MiB", samples, SoakSample::heapAfterGcMiB, 20, 5);

    assertThat(heap.fittedGrowth()).isLessThan(5);
    assertThat(heap.flat()).isFalse();
  }

  @Test
  void aRunShorterThanTheWindowIsJudgedOverAllItsSamples() {
    Flatness heap =
        Flatness.of("heap", "MiB", heapLine(100, 0.5, 3), SoakSample::heapAfterGcMiB, 20, 5);

    assertThat(heap.fromMinute()).isEqualTo(1);
    assertThat(heap.fittedGrowth()).isCloseTo(1, within(1e-9));
    assertThat(heap.flat()).isTrue();
  }

  @Test
  void oneSampleIsNotALine() {
    assertThatThrownBy(
            () ->
                Flatness.of(
                    "heap", "MiB", List.of(heapAt(1, 100)), SoakSample::heapAfterGcMiB, 20, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two samples");
  }

  @Test
  void theVerdictLeavesOutMinuteZeroBeforeTheProducerStarted() {
    List<SoakSample> samples = new ArrayList<>();
    samples.add(heapAt(0, 50)); // idle worker: far below the loaded level
    samples.addAll(heapLine(100, 0, 5));

    List<Flatness> verdicts = SoakReport.verdicts(samples, 20);

    assertThat(verdicts)
        .extracting(Flatness::name)
        .containsExactly("heap after GC", "live threads", "open file descriptors");
    assertThat(verdicts.get(0).fromMinute()).isEqualTo(1);
    assertThat(verdicts).allMatch(Flatness::flat);
  }
}
