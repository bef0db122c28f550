package io.kinesisbridge.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Draws the soak's lines against minutes with plain Java2D into a PNG: one panel per unit (heap
 * after GC; threads and file descriptors; records/s per connector; sink lag in records; source
 * millis behind latest), each with its own y axis starting at zero, so a flat line looks flat and
 * growth is not exaggerated by a zoomed axis.
 */
final class SoakPlot {

  private static final int WIDTH = 1000;
  private static final int PANEL_HEIGHT = 190;
  private static final int TITLE_HEIGHT = 40;
  private static final int LEFT = 70;
  private static final int RIGHT = 200;
  private static final int TOP = 22;
  private static final int BOTTOM = 28;
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e)
  };

  private SoakPlot() {}

  /** One line of a panel. */
  private record Series(String label, ToDoubleFunction<SoakSample> value) {}

  /** One panel: a title (with its unit) and its lines. */
  private record Panel(String title, List<Series> lines) {}

  private static final List<Panel> PANELS =
      List.of(
          new Panel(
              "heap after forced GC (MiB, this JVM)",
              List.of(new Series("heap after GC", SoakSample::heapAfterGcMiB))),
          new Panel(
              "threads and open file descriptors (this JVM)",
              List.of(
                  new Series("live threads", SoakSample::threads),
                  new Series("open fds", SoakSample::fds))),
          new Panel(
              "records/s over the minute",
              List.of(
                  new Series("produced", SoakSample::producedPerSecond),
                  new Series("Kinesis sink", SoakSample::kinesisSinkPerSecond),
                  new Series("Firehose sink", SoakSample::firehoseSinkPerSecond),
                  new Series("Kinesis source", SoakSample::sourcePerSecond))),
          new Panel(
              "sink consumer group lag (records)",
              List.of(
                  new Series("Kinesis sink", SoakSample::kinesisSinkLag),
                  new Series("Firehose sink", SoakSample::firehoseSinkLag))),
          new Panel(
              "source max millis behind latest (ms)",
              List.of(new Series("Kinesis source", SoakSample::sourceMillisBehind))));

  static void write(Path file, List<SoakSample> samples, SoakOptions options) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int height = TITLE_HEIGHT + PANELS.size() * PANEL_HEIGHT;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(
          String.format(
              Locale.ROOT,
              "kinesis-bridge soak: 3 connectors on one worker, %d min at %,d records/s",
              options.minutes(),
              options.rate()),
          LEFT,
          26);
      double maxMinute = Math.max(1, samples.get(samples.size() - 1).minute());
      for (int i = 0; i < PANELS.size(); i++) {
        drawPanel(g, PANELS.get(i), samples, TITLE_HEIGHT + i * PANEL_HEIGHT, maxMinute);
      }
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private static void drawPanel(
      Graphics2D g, Panel panel, List<SoakSample> samples, int top, double maxMinute) {
    int x0 = LEFT;
    int x1 = WIDTH - RIGHT;
    int y0 = top + PANEL_HEIGHT - BOTTOM;
    int y1 = top + TOP;
    double maxValue = 0;
    for (Series series : panel.lines()) {
      for (SoakSample s : samples) {
        maxValue = Math.max(maxValue, series.value().applyAsDouble(s));
      }
    }
    maxValue = niceCeiling(maxValue);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.BLACK);
    g.drawString(panel.title(), x0, top + 14);
    g.setColor(new Color(0xdddddd));
    g.setStroke(new BasicStroke(1));
    for (int tick = 0; tick <= 4; tick++) {
      int y = y0 - (y0 - y1) * tick / 4;
      g.drawLine(x0, y, x1, y);
    }
    g.setColor(Color.BLACK);
    g.drawRect(x0, y1, x1 - x0, y0 - y1);
    for (int tick = 0; tick <= 4; tick++) {
      int y = y0 - (y0 - y1) * tick / 4;
      g.drawString(label(maxValue * tick / 4), 8, y + 4);
    }
    int minuteStep = Math.max(1, (int) Math.ceil(maxMinute / 10));
    for (int m = 0; m <= maxMinute; m += minuteStep) {
      int x = x0 + (int) ((x1 - x0) * m / maxMinute);
      g.drawString(String.valueOf(m), x - 4, y0 + 14);
    }
    g.drawString("minute", x1 - 40, y0 + 26);
    for (int i = 0; i < panel.lines().size(); i++) {
      Series series = panel.lines().get(i);
      g.setColor(COLORS[i % COLORS.length]);
      g.setStroke(new BasicStroke(2));
      int prevX = -1;
      int prevY = -1;
      for (SoakSample s : samples) {
        int x = x0 + (int) ((x1 - x0) * s.minute() / maxMinute);
        int y = y0 - (int) ((y0 - y1) * Math.max(0, series.value().applyAsDouble(s)) / maxValue);
        if (prevX >= 0) {
          g.drawLine(prevX, prevY, x, y);
        }
        g.fillOval(x - 2, y - 2, 5, 5);
        prevX = x;
        prevY = y;
      }
      g.fillRect(x1 + 12, y1 + 6 + i * 18, 14, 4);
      g.setColor(Color.BLACK);
      g.drawString(series.label(), x1 + 32, y1 + 12 + i * 18);
    }
  }

  /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above {@code value} (1 for 0). */
  static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private static String label(double value) {
    return value >= 10 || value == 0
        ? String.format(Locale.ROOT, "%,.0f", value)
        : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
