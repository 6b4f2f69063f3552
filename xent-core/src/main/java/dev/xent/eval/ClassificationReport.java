package dev.xent.eval;

/**
 * Per-class precision, recall, F1 and support, with macro and support-weighted averages, as scikit-learn's
 * {@code precision_recall_fscore_support(zero_division=0)}: a ratio with a zero denominator is 0.
 *
 * @param precision [C] tp / predicted
 * @param recall [C] tp / support
 * @param f1 [C] harmonic mean of precision and recall
 * @param support [C] rows of each true class
 * @param macro the unweighted mean over classes of precision, recall, F1
 * @param weighted the support-weighted mean of precision, recall, F1
 */
public record ClassificationReport(double[] precision, double[] recall, double[] f1, long[] support, Average macro,
    Average weighted) {

  /**
   * One averaged row.
   *
   * @param precision averaged precision
   * @param recall averaged recall
   * @param f1 averaged F1 (the average of per-class F1, as scikit-learn)
   */
  public record Average(double precision, double recall, double f1) {}

  /** The report of a confusion matrix. */
  public static ClassificationReport of(ConfusionMatrix m) {
    int c = m.classes();
    double[] p = new double[c];
    double[] r = new double[c];
    double[] f = new double[c];
    long[] s = new long[c];
    long total = 0;
    for (int k = 0; k < c; k++) {
      long tp = m.count(k, k);
      long pred = m.predictedCount(k);
      s[k] = m.support(k);
      total += s[k];
      p[k] = pred == 0 ? 0 : (double) tp / pred;
      r[k] = s[k] == 0 ? 0 : (double) tp / s[k];
      f[k] = p[k] + r[k] == 0 ? 0 : 2 * p[k] * r[k] / (p[k] + r[k]);
    }
    double mp = 0;
    double mr = 0;
    double mf = 0;
    double wp = 0;
    double wr = 0;
    double wf = 0;
    for (int k = 0; k < c; k++) {
      mp += p[k] / c;
      mr += r[k] / c;
      mf += f[k] / c;
      if (total > 0) {
        double w = (double) s[k] / total;
        wp += w * p[k];
        wr += w * r[k];
        wf += w * f[k];
      }
    }
    return new ClassificationReport(p, r, f, s, new Average(mp, mr, mf), new Average(wp, wr, wf));
  }
}
