package dev.xent.cli.report;

import java.util.List;

/** Class balance as horizontal bars: one bar per class, its length the class's share of the examples. */
final class BarChart {
  static final int WIDTH = 480;
  private static final double LEFT = 110;
  // Room for "60000 (10.0%)" at the tick font size.
  private static final double RIGHT = 120;
  private static final double ROW = 22;

  private BarChart() {}

  static String render(String label, List<String> names, long[] counts) {
    long total = 0;
    long max = 1;
    for (long c : counts) {
      total += c;
      max = Math.max(max, c);
    }
    int height = (int) (ROW * names.size() + 12);
    Svg svg = new Svg(WIDTH, height, label);
    double plotW = WIDTH - LEFT - RIGHT;
    for (int i = 0; i < names.size(); i++) {
      double y = 6 + ROW * i;
      String name = names.get(i).length() <= 14 ? names.get(i) : names.get(i).substring(0, 13) + "\u2026";
      svg.text(LEFT - 8, y + ROW / 2 + 4, "end", "tick", name);
      double w = plotW * counts[i] / max;
      svg.rect(LEFT, y + 3, w, ROW - 6, "bar", null, names.get(i) + ": " + counts[i]);
      double share = total == 0 ? 0 : (double) counts[i] / total;
      svg.text(LEFT + w + 6, y + ROW / 2 + 4, "start", "tick", counts[i] + " (" + Html.percent(share) + ")");
    }
    return svg.end();
  }
}
