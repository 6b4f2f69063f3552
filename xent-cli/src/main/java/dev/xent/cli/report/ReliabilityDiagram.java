package dev.xent.cli.report;

import java.util.List;

/**
 * A reliability diagram: for each confidence bin a bar at the share of its predictions that were right, a dark
 * line at the bin's mean confidence, the diagonal where a calibrated model's bars would end, and in red the
 * overconfidence gap (confidence above accuracy); below it, how many predictions fell in each bin.
 */
final class ReliabilityDiagram {
  static final int WIDTH = 420;
  static final int HEIGHT = 520;
  private static final double LEFT = 56;
  private static final double RIGHT = 14;
  private static final double TOP = 16;
  private static final double PLOT = WIDTH - LEFT - RIGHT;
  private static final double HIST_TOP = TOP + PLOT + 42;
  private static final double HIST_H = HEIGHT - HIST_TOP - 30;

  private ReliabilityDiagram() {}

  static String render(String label, List<ReportData.ReliabilityBin> bins) {
    Svg svg = new Svg(WIDTH, HEIGHT, label);
    for (int i = 0; i <= 5; i++) {
      double v = i / 5.0;
      double py = TOP + PLOT * (1 - v);
      double px = LEFT + PLOT * v;
      svg.line(LEFT, py, LEFT + PLOT, py, "grid");
      svg.text(LEFT - 6, py + 4, "end", "tick", Html.fixed(v, 1));
      svg.text(px, TOP + PLOT + 16, "middle", "tick", Html.fixed(v, 1));
    }
    svg.line(LEFT, TOP + PLOT, LEFT + PLOT, TOP, "diagonal");
    long maxCount = 1;
    for (ReportData.ReliabilityBin b : bins) {
      maxCount = Math.max(maxCount, b.count());
    }
    for (ReportData.ReliabilityBin b : bins) {
      double x = LEFT + PLOT * b.lower();
      double w = PLOT * (b.upper() - b.lower());
      if (b.count() > 0) {
        double acc = b.accuracy();
        double conf = b.meanConfidence();
        String title = "confidence " + Html.fixed(b.lower(), 2) + "\u2013" + Html.fixed(b.upper(), 2) + ": "
            + b.count() + " predictions, accuracy " + Html.percent(acc) + ", mean confidence " + Html.percent(conf);
        svg.rect(x + 1, TOP + PLOT * (1 - acc), w - 2, PLOT * acc, "bar", null, title);
        double gap = PLOT * (conf - acc);
        if (gap >= 0.5) {
          // Overconfidence: the part of the claim the accuracy does not reach.
          svg.rect(x + 1, TOP + PLOT * (1 - conf), w - 2, gap, "gap", null, title);
        }
        svg.line(x + 1, TOP + PLOT * (1 - conf), x + w - 1, TOP + PLOT * (1 - conf), "conf");
      }
      double h = HIST_H * b.count() / maxCount;
      svg.rect(x + 1, HIST_TOP + HIST_H - h, w - 2, h, "hist", null, b.count() + " predictions");
    }
    svg.line(LEFT, TOP + PLOT, LEFT + PLOT, TOP + PLOT, "axis");
    svg.line(LEFT, TOP, LEFT, TOP + PLOT, "axis");
    svg.line(LEFT, HIST_TOP + HIST_H, LEFT + PLOT, HIST_TOP + HIST_H, "axis");
    svg.text(LEFT + PLOT / 2, TOP + PLOT + 32, "middle", "axis-title", "confidence (top-1 probability)");
    svg.verticalText(14, TOP + PLOT / 2, "axis-title", "accuracy");
    svg.text(LEFT - 6, HIST_TOP + 10, "end", "tick", Long.toString(maxCount));
    svg.text(LEFT - 6, HIST_TOP + HIST_H, "end", "tick", "0");
    svg.text(LEFT + PLOT / 2, HEIGHT - 8, "middle", "axis-title", "predictions per bin");
    return svg.end();
  }
}
