package dev.xent.eval;

/**
 * Classification metrics as pure functions. Accuracy counts argmax hits; log loss measures probabilities: they
 * are different things and reports show both.
 */
public final class Metrics {
  /**
   * Probabilities are clipped to [LOG_LOSS_EPS, 1] before the log, so a confident miss costs about 36.8 rather
   * than infinity; the float64 machine epsilon is scikit-learn's {@code log_loss} clip (since 1.5, "auto").
   */
  public static final double LOG_LOSS_EPS = 2.220446049250313e-16;

  private Metrics() {}

  /** The fraction of rows with {@code predicted[i] == actual[i]}; NaN for no rows. */
  public static double accuracy(int[] actual, int[] predicted) {
    checkLength(actual.length, predicted.length);
    long ok = 0;
    for (int i = 0; i < actual.length; i++) {
      ok += actual[i] == predicted[i] ? 1 : 0;
    }
    return actual.length == 0 ? Double.NaN : (double) ok / actual.length;
  }

  /**
   * The fraction of rows whose true class is among the k highest scores. A row counts when fewer than k classes
   * score strictly higher than the true class (ties count in its favour, as scikit-learn's
   * {@code top_k_accuracy_score} would on distinct scores).
   *
   * @param scores [rows, classes] probabilities or logits, row-major
   */
  public static double topKAccuracy(int[] actual, float[] scores, int classes, int k) {
    checkScores(actual.length, scores, classes);
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    long ok = 0;
    for (int i = 0; i < actual.length; i++) {
      float t = scores[i * classes + actual[i]];
      int above = 0;
      for (int j = 0; j < classes; j++) {
        above += scores[i * classes + j] > t ? 1 : 0;
      }
      ok += above < k ? 1 : 0;
    }
    return actual.length == 0 ? Double.NaN : (double) ok / actual.length;
  }

  /**
   * Mean negative log-probability of the true class, {@code -(1/n)Σ log max(p_{i,t_i}, eps)}, as scikit-learn's
   * {@code log_loss} for rows that sum to 1.
   *
   * @param proba [rows, classes] probabilities, row-major
   */
  public static double logLoss(int[] actual, float[] proba, int classes) {
    checkScores(actual.length, proba, classes);
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum -= Math.log(Math.max(proba[i * classes + actual[i]], LOG_LOSS_EPS));
    }
    return actual.length == 0 ? Double.NaN : sum / actual.length;
  }

  /** The argmax of each row (the first on ties). */
  public static int[] argmax(float[] scores, int rows, int classes) {
    int[] out = new int[rows];
    for (int i = 0; i < rows; i++) {
      int best = 0;
      for (int j = 1; j < classes; j++) {
        if (scores[i * classes + j] > scores[i * classes + best]) {
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }

  static void checkLength(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("label arrays differ in length: " + a + "!=" + b);
    }
  }

  static void checkScores(int rows, float[] scores, int classes) {
    if (classes < 1 || scores.length != (long) rows * classes) {
      throw new IllegalArgumentException("scores hold " + scores.length + " values, expected " + rows + " rows × "
          + classes + " classes");
    }
  }

  static void checkLabels(int[] labels, int classes) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("row " + i + ": class id " + labels[i] + " outside [0, " + classes + ")");
      }
    }
  }
}
