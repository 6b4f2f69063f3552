package dev.xent.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Features and targets for training or evaluation, held as flat row-major arrays.
 *
 * <p>Targets are either integer class ids ({@link #labels()}, the usual case) or soft rows
 * ({@link #softTargets()} [n, C], each a probability vector); exactly one of the two is present. Optional
 * per-sample weights scale each row's loss. The dataset does not copy the arrays it is given: treat them as
 * owned by it.
 */
public final class Dataset {
  private final float[] features; // [n, d], row-major
  private final int n;
  private final int d;
  private final int[] labels; // [n] class ids, or null
  private final float[] softTargets; // [n, C], row-major, or null
  private final float[] sampleWeights; // [n] or null
  private final LabelEncoding encoding;

  private Dataset(float[] features, int n, int d, int[] labels, float[] softTargets, float[] sampleWeights,
      LabelEncoding encoding) {
    if (n < 0 || d < 1 || (long) n * d != features.length) {
      throw new IllegalArgumentException("features hold " + features.length + " values, expected n=" + n + " × d=" + d);
    }
    int c = encoding.size();
    if (labels != null) {
      if (labels.length != n) {
        throw new IllegalArgumentException("labels hold " + labels.length + " values for " + n + " rows");
      }
      for (int i = 0; i < n; i++) {
        if (labels[i] < 0 || labels[i] >= c) {
          throw new IllegalArgumentException("row " + i + ": class id " + labels[i] + " outside [0, " + c + ")");
        }
      }
    }
    if (softTargets != null && softTargets.length != (long) n * c) {
      throw new IllegalArgumentException("soft targets hold " + softTargets.length + " values, expected " + n + " × " + c);
    }
    if ((labels == null) == (softTargets == null)) {
      throw new IllegalArgumentException("a dataset needs exactly one of class ids or soft target rows");
    }
    if (sampleWeights != null) {
      if (sampleWeights.length != n) {
        throw new IllegalArgumentException("sample weights hold " + sampleWeights.length + " values for " + n + " rows");
      }
      for (int i = 0; i < n; i++) {
        if (!(sampleWeights[i] >= 0) || Float.isInfinite(sampleWeights[i])) {
          throw new IllegalArgumentException("row " + i + ": sample weight " + sampleWeights[i] + " must be finite and >= 0");
        }
      }
    }
    this.features = features;
    this.n = n;
    this.d = d;
    this.labels = labels;
    this.softTargets = softTargets;
    this.sampleWeights = sampleWeights;
    this.encoding = encoding;
  }

  /**
   * A dataset with integer class ids.
   *
   * @param features [n, d], row-major
   * @param labels [n] ids in [0, encoding.size())
   * @param sampleWeights [n] or null
   */
  public static Dataset ofLabels(float[] features, int n, int d, int[] labels, LabelEncoding encoding,
      float[] sampleWeights) {
    return new Dataset(features, n, d, labels, null, sampleWeights, encoding);
  }

  /**
   * A dataset with soft target rows.
   *
   * @param features [n, d], row-major
   * @param softTargets [n, C], row-major, C = encoding.size()
   * @param sampleWeights [n] or null
   */
  public static Dataset ofSoftTargets(float[] features, int n, int d, float[] softTargets, LabelEncoding encoding,
      float[] sampleWeights) {
    return new Dataset(features, n, d, null, softTargets, sampleWeights, encoding);
  }

  /** Rows. */
  public int size() {
    return n;
  }

  /** Features per row. */
  public int numFeatures() {
    return d;
  }

  /** Classes. */
  public int numClasses() {
    return encoding.size();
  }

  /** [n, d] features, row-major; live. */
  public float[] features() {
    return features;
  }

  /** [n] class ids, or null when targets are soft rows; live. */
  public int[] labels() {
    return labels;
  }

  /** [n, C] soft targets, or null when targets are class ids; live. */
  public float[] softTargets() {
    return softTargets;
  }

  /** Whether targets are class ids. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** [n] sample weights, or null; live. */
  public float[] sampleWeights() {
    return sampleWeights;
  }

  /** The class names. */
  public LabelEncoding encoding() {
    return encoding;
  }

  /** The class id of row i: its label, or the argmax of its soft row (first on ties). */
  public int classOf(int i) {
    if (labels != null) {
      return labels[i];
    }
    int c = encoding.size();
    int best = 0;
    for (int j = 1; j < c; j++) {
      if (softTargets[i * c + j] > softTargets[i * c + best]) {
        best = j;
      }
    }
    return best;
  }

  /** Rows per class (argmax of soft rows), length C. */
  public long[] classCounts() {
    long[] counts = new long[numClasses()];
    for (int i = 0; i < n; i++) {
      counts[classOf(i)]++;
    }
    return counts;
  }

  /** The rows at {@code indices}, copied, in that order. */
  public Dataset subset(int[] indices) {
    int c = numClasses();
    float[] f = new float[Math.multiplyExact(indices.length, d)];
    int[] l = labels == null ? null : new int[indices.length];
    float[] s = softTargets == null ? null : new float[indices.length * c];
    float[] w = sampleWeights == null ? null : new float[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException("row " + i + " outside [0, " + n + ")");
      }
      System.arraycopy(features, i * d, f, k * d, d);
      if (l != null) {
        l[k] = labels[i];
      }
      if (s != null) {
        System.arraycopy(softTargets, i * c, s, k * c, c);
      }
      if (w != null) {
        w[k] = sampleWeights[i];
      }
    }
    return new Dataset(f, indices.length, d, l, s, w, encoding);
  }

  /** Rows [from, to), copied. */
  public Dataset slice(int from, int to) {
    if (from < 0 || to > n || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") outside [0, " + n + ")");
    }
    int[] idx = new int[to - from];
    Arrays.setAll(idx, k -> from + k);
    return subset(idx);
  }

  /** The same rows with features replaced (e.g. standardised); {@code newFeatures} is [n, d]. */
  public Dataset withFeatures(float[] newFeatures) {
    return new Dataset(newFeatures, n, d, labels, softTargets, sampleWeights, encoding);
  }

  /** A training part and a held-out part. */
  public record Split(Dataset train, Dataset validation) {}

  /**
   * Holds out {@code fraction} of the rows, chosen by {@code random}.
   *
   * <p>Stratified: within each class (argmax for soft rows) rows are shuffled and {@code round(fraction·count)}
   * go to validation, so class proportions are kept as scikit-learn's {@code train_test_split(stratify=y)} does
   * up to rounding. Plain: a shuffled {@code round(fraction·n)} rows. Each part keeps the original row order,
   * so the split depends only on the seed.
   *
   * @param fraction in (0, 1)
   */
  public Split split(double fraction, boolean stratified, SplittableRandom random) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
    }
    boolean[] held = new boolean[n];
    if (stratified) {
      int c = numClasses();
      int[][] byClass = new int[c][];
      int[] fill = new int[c];
      long[] counts = classCounts();
      for (int k = 0; k < c; k++) {
        byClass[k] = new int[(int) counts[k]];
      }
      for (int i = 0; i < n; i++) {
        int k = classOf(i);
        byClass[k][fill[k]++] = i;
      }
      for (int k = 0; k < c; k++) {
        shuffle(byClass[k], random);
        long take = Math.round(fraction * byClass[k].length);
        for (int j = 0; j < take; j++) {
          held[byClass[k][j]] = true;
        }
      }
    } else {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      shuffle(all, random);
      long take = Math.round(fraction * n);
      for (int j = 0; j < take; j++) {
        held[all[j]] = true;
      }
    }
    int nv = 0;
    for (boolean h : held) {
      nv += h ? 1 : 0;
    }
    if (nv == 0 || nv == n) {
      throw new IllegalArgumentException("a validation fraction of " + fraction + " of " + n
          + " rows leaves one side empty; use more rows or another fraction");
    }
    int[] tr = new int[n - nv];
    int[] va = new int[nv];
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      if (held[i]) {
        va[b++] = i;
      } else {
        tr[a++] = i;
      }
    }
    return new Split(subset(tr), subset(va));
  }

  /** Fisher–Yates shuffle of {@code a} in place. */
  public static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
