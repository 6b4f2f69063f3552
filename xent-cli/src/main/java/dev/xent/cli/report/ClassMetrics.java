package dev.xent.cli.report;

/**
 * Precision, recall, F1 and support of one class, from a confusion matrix. A ratio with a zero denominator is
 * 0 (scikit-learn's {@code zero_division=0}), so an empty class shows 0 rather than NaN.
 *
 * @param precision TP / (TP + FP)
 * @param recall TP / (TP + FN)
 * @param f1 harmonic mean of precision and recall
 * @param support true examples of the class
 */
public record ClassMetrics(double precision, double recall, double f1, long support) {

  /**
   * Per-class metrics.
   *
   * @param confusion [true class][predicted class] counts
   */
  public static ClassMetrics[] of(long[][] confusion) {
    int c = confusion.length;
    ClassMetrics[] m = new ClassMetrics[c];
    for (int k = 0; k < c; k++) {
      long tp = confusion[k][k];
      long support = 0;
      long predicted = 0;
      for (int j = 0; j < c; j++) {
        support += confusion[k][j];
        predicted += confusion[j][k];
      }
      double p = predicted == 0 ? 0 : (double) tp / predicted;
      double r = support == 0 ? 0 : (double) tp / support;
      double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
      m[k] = new ClassMetrics(p, r, f, support);
    }
    return m;
  }
}
