package dev.xent.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Reliability bins and expected calibration error (Guo et al. 2017) of top-1 predictions: confidence is the
 * largest predicted probability; bins are equal-width over [0, 1]; ECE = Σ (n_b / N) · |acc_b − conf_b|.
 */
public final class Calibration {
  /** The usual bin count (Guo et al.): fine enough to see the shape, coarse enough to fill the bins. */
  public static final int DEFAULT_BINS = 10;

  private Calibration() {}

  /**
   * Bins top-1 predictions by confidence.
   *
   * @param probs [rows, classes], row-major predicted probabilities
   * @param labels [rows] true class ids; rows with a negative id are skipped
   */
  public static List<ReportData.ReliabilityBin> bins(float[] probs, int[] labels, int classes, int bins) {
    long[] count = new long[bins];
    double[] conf = new double[bins];
    long[] right = new long[bins];
    for (int r = 0; r < labels.length; r++) {
      if (labels[r] < 0) {
        continue;
      }
      int best = 0;
      float p = probs[r * classes];
      for (int k = 1; k < classes; k++) {
        if (probs[r * classes + k] > p) {
          p = probs[r * classes + k];
          best = k;
        }
      }
      // Confidence 1.0 belongs in the last bin, not in a bin of its own.
      int b = Math.min(bins - 1, (int) (p * bins));
      count[b]++;
      conf[b] += p;
      if (best == labels[r]) {
        right[b]++;
      }
    }
    List<ReportData.ReliabilityBin> out = new ArrayList<>(bins);
    for (int b = 0; b < bins; b++) {
      double n = count[b];
      out.add(new ReportData.ReliabilityBin(
          (double) b / bins, (double) (b + 1) / bins, count[b],
          n == 0 ? Double.NaN : conf[b] / n, n == 0 ? Double.NaN : right[b] / n));
    }
    return out;
  }

  /** The expected calibration error of {@code bins}; 0 when every bin is empty. */
  public static double ece(List<ReportData.ReliabilityBin> bins) {
    long total = 0;
    for (ReportData.ReliabilityBin b : bins) {
      total += b.count();
    }
    if (total == 0) {
      return 0;
    }
    double e = 0;
    for (ReportData.ReliabilityBin b : bins) {
      if (b.count() > 0) {
        e += (double) b.count() / total * Math.abs(b.accuracy() - b.meanConfidence());
      }
    }
    return e;
  }
}
