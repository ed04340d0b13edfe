package io.driftway.loadtests.peers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart drawn with Java2D (headless) into a PNG: one group per category (a system),
 * one bar per series (a measure), each bar labelled with its value.
 *
 * <pre>{@code
 * BarChart.write(Path.of("throughput.png"), "Throughput", "records/s",
 *     List.of("kc", "static", "driftway"), List.of("per CPU-second", "wall"),
 *     new double[][] {{10_000, 30_000, 40_000}, {8_000, 25_000, 31_000}});
 * }</pre>
 */
final class BarChart {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;
  private static final int LEFT = 90;
  private static final int RIGHT = 30;
  private static final int TOP = 60;
  private static final int BOTTOM = 70;
  private static final Color[] COLORS = {
    new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728)
  };

  private BarChart() {}

  /** {@code values[series][category]}; NaN draws no bar. */
  static void write(
      Path png,
      String title,
      String unit,
      List<String> categories,
      List<String> series,
      double[][] values)
      throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
      g.drawString(title, LEFT, 30);

      double max = 0;
      for (double[] row : values) {
        for (double v : row) {
          if (!Double.isNaN(v)) {
            max = Math.max(max, v);
          }
        }
      }
      max = niceCeiling(max);
      int plotWidth = WIDTH - LEFT - RIGHT;
      int plotHeight = HEIGHT - TOP - BOTTOM;
      int baseline = TOP + plotHeight;

      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics metrics = g.getFontMetrics();
      int ticks = 5;
      for (int t = 0; t <= ticks; t++) {
        double v = max * t / ticks;
        int y = baseline - (int) Math.round(plotHeight * (double) t / ticks);
        g.setColor(new Color(0xDDDDDD));
        g.setStroke(new BasicStroke(1f));
        g.drawLine(LEFT, y, LEFT + plotWidth, y);
        g.setColor(Color.DARK_GRAY);
        String label = format(v);
        g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + 4);
      }
      g.drawString(unit, 10, TOP - 12);

      int groups = categories.size();
      int groupWidth = plotWidth / Math.max(1, groups);
      int barWidth = (int) (groupWidth * 0.7 / Math.max(1, series.size()));
      for (int c = 0; c < groups; c++) {
        int groupLeft = LEFT + c * groupWidth + (int) (groupWidth * 0.15);
        for (int s = 0; s < series.size(); s++) {
          double v = values[s][c];
          if (Double.isNaN(v)) {
            continue;
          }
          int h = max == 0 ? 0 : (int) Math.round(plotHeight * v / max);
          int x = groupLeft + s * barWidth;
          g.setColor(COLORS[s % COLORS.length]);
          g.fillRect(x, baseline - h, barWidth - 4, h);
          g.setColor(Color.BLACK);
          String label = format(v);
          g.drawString(
              label, x + (barWidth - 4 - metrics.stringWidth(label)) / 2, baseline - h - 4);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        FontMetrics bold = g.getFontMetrics();
        String name = categories.get(c);
        g.drawString(
            name, LEFT + c * groupWidth + (groupWidth - bold.stringWidth(name)) / 2, baseline + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      }
      g.setColor(Color.BLACK);
      g.drawLine(LEFT, baseline, LEFT + plotWidth, baseline);

      int legendX = LEFT;
      for (int s = 0; s < series.size(); s++) {
        g.setColor(COLORS[s % COLORS.length]);
        g.fillRect(legendX, HEIGHT - 28, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString(series.get(s), legendX + 20, HEIGHT - 16);
        legendX += 40 + metrics.stringWidth(series.get(s));
      }
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", png.toFile());
  }

  private static double niceCeiling(double max) {
    if (max <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= max) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String format(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
