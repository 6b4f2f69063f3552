package dev.xent.cli.report;

import java.util.List;

/** Per-epoch curves (training and validation loss or accuracy) as an SVG line chart. */
final class LineChart {
  static final int WIDTH = 480;
  static final int HEIGHT = 290;
  private static final double LEFT = 62;
  private static final double RIGHT = 16;
  private static final double TOP = 34;
  private static final double BOTTOM = 46;
  /** Point markers only while they stay distinct; past this many epochs the line alone reads better. */
  private static final int MAX_MARKERS = 40;

  /**
   * One curve.
   *
   * @param name legend text
   * @param values [epochs] values, NaN where not measured
   * @param cls CSS class: "s1" (training) or "s2" (validation)
   */
  record Series(String name, double[] values, String cls) {}

  private LineChart() {}

  /**
   * Renders the curves.
   *
   * @param cap an upper bound the axis never exceeds (1 for accuracy), or NaN for none
   */
  static String render(String label, String yTitle, List<Series> series, double cap) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int epochs = 0;
    for (Series s : series) {
      epochs = Math.max(epochs, s.values().length);
      for (double v : s.values()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    Svg svg = new Svg(WIDTH, HEIGHT, label);
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    if (epochs == 0 || lo > hi) {
      svg.text(WIDTH / 2.0, HEIGHT / 2.0, "middle", "muted", "no values");
      return svg.end();
    }
    NiceScale y = NiceScale.of(lo, hi, 6);
    double yMax = Double.isNaN(cap) ? y.max() : Math.min(y.max(), cap);
    double yMin = y.min();
    double yRange = yMax - yMin;
    // y axis: grid lines and labels
    for (int i = 0; i < y.tickCount(); i++) {
      double v = y.tick(i);
      if (v > yMax + 1e-12) {
        break;
      }
      double py = TOP + plotH * (1 - (v - yMin) / yRange);
      svg.line(LEFT, py, LEFT + plotW, py, "grid");
      svg.text(LEFT - 6, py + 4, "end", "tick", Html.fixed(v, y.decimals()));
    }
    // x axis: epochs 1..E, at most ~10 labels
    int xStep = Math.max(1, (int) Math.ceil(epochs / 10.0));
    for (int e = 1; e <= epochs; e += xStep) {
      double px = xOf(e, epochs, plotW);
      svg.line(px, TOP + plotH, px, TOP + plotH + 4, "axis");
      svg.text(px, TOP + plotH + 18, "middle", "tick", Integer.toString(e));
    }
    svg.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "axis");
    svg.line(LEFT, TOP, LEFT, TOP + plotH, "axis");
    svg.text(LEFT + plotW / 2, HEIGHT - 8, "middle", "axis-title", "epoch");
    svg.verticalText(16, TOP + plotH / 2, "axis-title", yTitle);
    // curves
    double legendX = LEFT + 8;
    for (Series s : series) {
      int n = 0;
      double[] xs = new double[s.values().length];
      double[] ys = new double[s.values().length];
      for (int i = 0; i < s.values().length; i++) {
        double v = s.values()[i];
        if (Double.isFinite(v)) {
          xs[n] = xOf(i + 1, epochs, plotW);
          ys[n] = TOP + plotH * (1 - (v - yMin) / yRange);
          n++;
        }
      }
      if (n == 0) {
        continue;
      }
      svg.polyline(java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n), "curve " + s.cls());
      if (epochs <= MAX_MARKERS) {
        int k = 0;
        for (int i = 0; i < s.values().length; i++) {
          if (Double.isFinite(s.values()[i])) {
            svg.circle(xs[k], ys[k], 3, "dot " + s.cls(), s.name() + ", epoch " + (i + 1) + ": " + Html.fixed(s.values()[i], 4));
            k++;
          }
        }
      }
      svg.rect(legendX, 12, 14, 4, "key " + s.cls(), null, null);
      svg.text(legendX + 20, 18, "start", "legend", s.name());
      legendX += 34 + 8 * s.name().length();
    }
    return svg.end();
  }

  private static double xOf(int epoch, int epochs, double plotW) {
    // One epoch sits mid-axis; otherwise epoch 1 at the left edge and the last at the right.
    return epochs == 1 ? LEFT + plotW / 2 : LEFT + plotW * (epoch - 1) / (epochs - 1);
  }
}
