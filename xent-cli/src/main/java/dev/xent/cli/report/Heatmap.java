package dev.xent.cli.report;

import java.util.List;

/**
 * A confusion matrix as an SVG heat map: rows are true classes, columns predicted classes; a cell's shade is
 * its count divided by its row's total (recall on the diagonal), and the cell shows either the count or that
 * share.
 */
final class Heatmap {
  /** Cell size in viewBox units; the chart scales down on narrow screens. */
  private static final double CELL = 40;
  private static final double LABEL = 96;

  private Heatmap() {}

  /**
   * @param confusion [true class][predicted class] counts
   * @param normalised true to print row shares (percent), false to print counts
   */
  static String render(String label, List<String> classes, long[][] confusion, boolean normalised) {
    int c = classes.size();
    int longest = 1;
    for (String name : classes) {
      longest = Math.max(longest, shorten(name).length());
    }
    // Room for the rotated column labels: about 8 units per character at the tick font size.
    double top = 30 + 8 * longest;
    int size = (int) (LABEL + CELL * c + 12);
    int height = (int) (top + CELL * c + 8);
    // A few classes make a small matrix: draw it up to 1.5x so the numbers stay legible.
    Svg svg = new Svg(size, height, (int) Math.max(size, Math.min(1.5 * size, 420)), label);
    svg.text(LABEL + CELL * c / 2, 14, "middle", "axis-title", "predicted class");
    svg.verticalText(12, top + CELL * c / 2, "axis-title", "true class");
    for (int j = 0; j < c; j++) {
      double cx = LABEL + CELL * j + CELL / 2;
      svg.rotatedText(cx + 4, top - 6, -90, "tick", shorten(classes.get(j)));
    }
    for (int i = 0; i < c; i++) {
      long total = 0;
      for (long v : confusion[i]) {
        total += v;
      }
      double y = top + CELL * i;
      svg.text(LABEL - 6, y + CELL / 2 + 4, "end", "tick", shorten(classes.get(i)));
      for (int j = 0; j < c; j++) {
        long v = confusion[i][j];
        double share = total == 0 ? 0 : (double) v / total;
        String title = classes.get(i) + " \u2192 " + classes.get(j) + ": " + v + " (" + Html.percent(share) + " of row)";
        svg.rect(LABEL + CELL * j, y, CELL, CELL, "cell", shade(share), title);
        String text = normalised ? Html.fixed(100 * share, 0) : Long.toString(v);
        svg.text(LABEL + CELL * j + CELL / 2, y + CELL / 2 + 4, "middle", share > 0.5 ? "cell-text on-dark" : "cell-text", text);
      }
    }
    return svg.end();
  }

  /** White to deep blue by share; a share of 0 stays white so empty cells recede. */
  static String shade(double share) {
    double t = Math.max(0, Math.min(1, share));
    int r = (int) Math.round(255 + (30 - 255) * t);
    int g = (int) Math.round(255 + (64 - 255) * t);
    int b = (int) Math.round(255 + (175 - 255) * t);
    return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  private static String shorten(String name) {
    // Column labels sit in a 40-unit cell rotated; more than 10 characters would run into the neighbours.
    return name.length() <= 10 ? name : name.substring(0, 9) + "\u2026";
  }
}
