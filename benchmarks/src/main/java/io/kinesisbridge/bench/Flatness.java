package io.kinesisbridge.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Whether one soak line stayed flat over the last part of the run: the least-squares slope of the
 * line against minutes, the growth that slope implies over the window, and first against last.
 *
 * <p>The rule: a line is flat when its fitted growth over the window is at most {@code tolerance}
 * (absolute, in the line's unit) <em>and</em> its last value is at most {@code tolerance} above its
 * first. Noise of a live JVM (a pool thread coming and going, the GC keeping a few MiB more or
 * less) stays inside the tolerance; a leak of even a few bytes per record does not, over 20 minutes
 * at hundreds of records/s.
 *
 * @param name the line
 * @param unit its unit
 * @param fromMinute first minute of the window
 * @param toMinute last minute of the window
 * @param first value at the first sample of the window
 * @param last value at the last sample
 * @param min smallest value in the window
 * @param max largest value in the window
 * @param slopePerMinute least-squares slope, unit per minute
 * @param tolerance the allowed growth over the window
 */
record Flatness(
    String name,
    String unit,
    double fromMinute,
    double toMinute,
    double first,
    double last,
    double min,
    double max,
    double slopePerMinute,
    double tolerance) {

  /**
   * The flatness of {@code line} over the samples from {@code windowMinutes} before the last one
   * (all samples when the run is shorter); needs at least two samples.
   */
  static Flatness of(
      String name,
      String unit,
      List<SoakSample> samples,
      ToDoubleFunction<SoakSample> line,
      double windowMinutes,
      double tolerance) {
    if (samples.size() < 2) {
      throw new IllegalArgumentException("need at least two samples, got " + samples.size());
    }
    double end = samples.get(samples.size() - 1).minute();
    List<SoakSample> window =
        samples.stream().filter(s -> s.minute() >= end - windowMinutes).toList();
    if (window.size() < 2) {
      window = samples.subList(samples.size() - 2, samples.size());
    }
    double n = window.size();
    double sumX = 0;
    double sumY = 0;
    double sumXy = 0;
    double sumXx = 0;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (SoakSample sample : window) {
      double x = sample.minute();
      double y = line.applyAsDouble(sample);
      sumX += x;
      sumY += y;
      sumXy += x * y;
      sumXx += x * x;
      min = Math.min(min, y);
      max = Math.max(max, y);
    }
    double slope = (n * sumXy - sumX * sumY) / (n * sumXx - sumX * sumX);
    return new Flatness(
        name,
        unit,
        window.get(0).minute(),
        end,
        line.applyAsDouble(window.get(0)),
        line.applyAsDouble(window.get(window.size() - 1)),
        min,
        max,
        slope,
        tolerance);
  }

  /** The growth the fitted slope implies over the window. */
  double fittedGrowth() {
    return slopePerMinute * (toMinute - fromMinute);
  }

  boolean flat() {
    return fittedGrowth() <= tolerance && last - first <= tolerance;
  }

  /** One line of the verdict, with its figures. */
  String verdict() {
    return String.format(
        Locale.ROOT,
        "%s: %s. Minutes %.0f-%.0f: slope %+.3f %s/min (fitted %+.1f %s over the window,"
            + " tolerance %.1f); first %.1f, last %.1f, min %.1f, max %.1f",
        name,
        flat() ? "flat" : "GROWS",
        fromMinute,
        toMinute,
        slopePerMinute,
        unit,
        fittedGrowth(),
        unit,
        tolerance,
        first,
        last,
        min,
        max);
  }
}
