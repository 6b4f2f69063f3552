package dev.xent.eval;

/**
 * Counts of (true class, predicted class) pairs: row = true class, column = predicted, as scikit-learn's
 * {@code confusion_matrix}.
 */
public final class ConfusionMatrix {
  private final int classes;
  private final long[] counts; // [classes, classes], row-major: [true, predicted]

  private ConfusionMatrix(int classes, long[] counts) {
    this.classes = classes;
    this.counts = counts;
  }

  /** Tallies {@code actual} against {@code predicted}, both class ids in [0, classes). */
  public static ConfusionMatrix of(int[] actual, int[] predicted, int classes) {
    Metrics.checkLength(actual.length, predicted.length);
    Metrics.checkLabels(actual, classes);
    Metrics.checkLabels(predicted, classes);
    long[] m = new long[classes * classes];
    for (int i = 0; i < actual.length; i++) {
      m[actual[i] * classes + predicted[i]]++;
    }
    return new ConfusionMatrix(classes, m);
  }

  /**
   * A matrix from counts as {@link #toArray()} gives them.
   *
   * @param counts [true class][predicted class], square, non-negative
   */
  public static ConfusionMatrix ofCounts(long[][] counts) {
    int c = counts.length;
    long[] m = new long[c * c];
    for (int i = 0; i < c; i++) {
      if (counts[i].length != c) {
        throw new IllegalArgumentException("confusion row " + i + " has " + counts[i].length + " counts, need " + c);
      }
      for (int j = 0; j < c; j++) {
        if (counts[i][j] < 0) {
          throw new IllegalArgumentException("negative count at [" + i + ", " + j + "]: " + counts[i][j]);
        }
        m[i * c + j] = counts[i][j];
      }
    }
    return new ConfusionMatrix(c, m);
  }

  /** The number of classes. */
  public int classes() {
    return classes;
  }

  /** Rows with true class {@code actual} predicted as {@code predicted}. */
  public long count(int actual, int predicted) {
    return counts[actual * classes + predicted];
  }

  /** The counts as [true][predicted] (a copy). */
  public long[][] toArray() {
    long[][] a = new long[classes][classes];
    for (int i = 0; i < classes; i++) {
      System.arraycopy(counts, i * classes, a[i], 0, classes);
    }
    return a;
  }

  /** Rows of true class c (the support). */
  public long support(int c) {
    long s = 0;
    for (int j = 0; j < classes; j++) {
      s += counts[c * classes + j];
    }
    return s;
  }

  /** Rows predicted as class c. */
  public long predictedCount(int c) {
    long s = 0;
    for (int i = 0; i < classes; i++) {
      s += counts[i * classes + c];
    }
    return s;
  }

  /** All rows. */
  public long total() {
    long s = 0;
    for (long v : counts) {
      s += v;
    }
    return s;
  }

  /** The diagonal's share of all rows (accuracy). */
  public double accuracy() {
    long ok = 0;
    for (int c = 0; c < classes; c++) {
      ok += counts[c * classes + c];
    }
    return (double) ok / total();
  }

  /** Per-class precision, recall, F1 and support with macro and weighted averages. */
  public ClassificationReport report() {
    return ClassificationReport.of(this);
  }
}
