package dev.xent.cli.report;

import java.util.ArrayList;
import java.util.List;

/** Hand-made report inputs: no training needed, every number fixed. */
final class ReportFixtures {
  private ReportFixtures() {}

  static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");

  static final long[][] CONFUSION = {{10, 0, 0}, {0, 8, 2}, {0, 1, 9}};

  static List<ReportData.EpochRow> history(int epochs) {
    List<ReportData.EpochRow> h = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      double tl = 1.1 * Math.exp(-0.3 * e) + 0.05;
      double vl = 1.1 * Math.exp(-0.25 * e) + 0.08 + 0.004 * e;
      h.add(new ReportData.EpochRow(e, tl, 1 - 0.6 * Math.exp(-0.4 * e), vl, 1 - 0.65 * Math.exp(-0.35 * e)));
    }
    return h;
  }

  static List<ReportData.ReliabilityBin> bins() {
    List<ReportData.ReliabilityBin> b = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long n = i < 4 ? 0 : i == 9 ? 20 : 2;
      double conf = (i + 0.5) / 10;
      b.add(new ReportData.ReliabilityBin(i / 10.0, (i + 1) / 10.0, n, n == 0 ? Double.NaN : conf,
          n == 0 ? Double.NaN : Math.max(0, conf - 0.1)));
    }
    return b;
  }

  static ReportData sample() {
    List<ReportData.ReliabilityBin> bins = bins();
    return new ReportData(
        "iris <test> & friends",
        List.of(
            new ReportData.SchemaRow("sepal_length", "numeric", "feature", 35, 0, ""),
            new ReportData.SchemaRow("id", "identifier", "left out", 150, 0, "one distinct value per row; left out"),
            new ReportData.SchemaRow("species", "categorical", "target", 3, 0, "")),
        CLASSES,
        new long[] {40, 40, 40},
        history(12),
        // Every non-empty bin is 0.1 less accurate than confident, so ECE is exactly 0.1.
        new ReportData.Evaluation("validation (30 rows)", 0.2345, 27 / 30.0, CONFUSION, bins, 0.1),
        List.of(new ReportData.Entry("epochs", "12"), new ReportData.Entry("optimizer", "adam, lr 0.01")),
        List.of(new ReportData.Entry("seed", "42"),
            new ReportData.Entry("data sha-256", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")));
  }
}
