package dev.xent.eval;

/**
 * Expected calibration error and the reliability diagram behind it (Guo et al., 2017): rows are binned by
 * confidence (the top probability) into {@code bins} equal-width bins, bin b covering {@code (b/B, (b+1)/B]}
 * (confidence 0 goes to the first bin), and {@code ECE = Σ_b (n_b/n)·|accuracy_b - confidence_b|}.
 * {@link #DEFAULT_BINS} is 15, the number Guo et al. and torchmetrics use.
 *
 * @param ece the expected calibration error in [0, 1]
 * @param count [B] rows per bin
 * @param meanConfidence [B] mean confidence per bin (NaN when empty)
 * @param accuracy [B] accuracy per bin (NaN when empty)
 */
public record Calibration(double ece, long[] count, double[] meanConfidence, double[] accuracy) {
  /** Guo et al.'s and torchmetrics' bin count. */
  public static final int DEFAULT_BINS = 15;

  /** The number of bins. */
  public int bins() {
    return count.length;
  }

  /** The upper edge of bin b, {@code (b+1)/B}. */
  public double upperEdge(int b) {
    return (double) (b + 1) / count.length;
  }

  /** Calibration with {@link #DEFAULT_BINS} bins. */
  public static Calibration of(int[] actual, float[] proba, int classes) {
    return of(actual, proba, classes, DEFAULT_BINS);
  }

  /**
   * Calibration of probabilities against true classes.
   *
   * @param proba [rows, classes] probabilities, row-major
   */
  public static Calibration of(int[] actual, float[] proba, int classes, int bins) {
    Metrics.checkScores(actual.length, proba, classes);
    if (bins < 1) {
      throw new IllegalArgumentException("need at least one bin, got " + bins);
    }
    long[] n = new long[bins];
    double[] conf = new double[bins];
    double[] hits = new double[bins];
    for (int i = 0; i < actual.length; i++) {
      int off = i * classes;
      int best = 0;
      for (int j = 1; j < classes; j++) {
        if (proba[off + j] > proba[off + best]) {
          best = j;
        }
      }
      double p = proba[off + best];
      // (b/B, (b+1)/B]: ceil(p·B) - 1, clamped so 0 and rounding above 1 stay in range.
      int b = (int) Math.ceil(p * bins) - 1;
      b = Math.max(0, Math.min(bins - 1, b));
      n[b]++;
      conf[b] += p;
      hits[b] += best == actual[i] ? 1 : 0;
    }
    double ece = 0;
    double[] meanConf = new double[bins];
    double[] acc = new double[bins];
    for (int b = 0; b < bins; b++) {
      if (n[b] == 0) {
        meanConf[b] = Double.NaN;
        acc[b] = Double.NaN;
        continue;
      }
      meanConf[b] = conf[b] / n[b];
      acc[b] = hits[b] / n[b];
      ece += (double) n[b] / actual.length * Math.abs(acc[b] - meanConf[b]);
    }
    return new Calibration(ece, n, meanConf, acc);
  }
}
