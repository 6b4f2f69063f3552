package dev.xent.data;

/**
 * Per-feature standardisation {@code (x - mean) / std}, fitted on training features and applied to every input
 * of a model (it travels with the classifier).
 *
 * <p>A feature with standard deviation below {@link #MIN_STD} (constant columns such as Fashion-MNIST's border
 * pixels) is only centred: dividing by ~0 would turn rounding noise into huge inputs. This is scikit-learn's
 * {@code StandardScaler} rule (it substitutes 1 for zero scale).
 *
 * @param mean [d] per-feature means
 * @param std [d] per-feature population standard deviations (1 where the feature is constant)
 */
public record Standardizer(float[] mean, float[] std) {
  /** Standard deviations below this are treated as 0 and replaced by 1; far below any real feature's spread. */
  public static final double MIN_STD = 1e-7;

  public Standardizer {
    if (mean.length != std.length) {
      throw new IllegalArgumentException("mean and std lengths differ: " + mean.length + "!=" + std.length);
    }
    mean = mean.clone();
    std = std.clone();
    for (int j = 0; j < std.length; j++) {
      if (!(std[j] > 0) || !Float.isFinite(std[j]) || !Float.isFinite(mean[j])) {
        throw new IllegalArgumentException("feature " + j + ": mean " + mean[j] + " / std " + std[j] + " unusable");
      }
    }
  }

  /** Fits means and standard deviations over rows [0, n) of {@code x} [n, d], accumulating in double. */
  public static Standardizer fit(float[] x, int n, int d) {
    double[] sum = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        sum[j] += x[i * d + j];
      }
    }
    float[] mean = new float[d];
    float[] std = new float[d];
    double[] sq = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double c = x[i * d + j] - sum[j] / n;
        sq[j] += c * c;
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] = (float) (sum[j] / n);
      double s = n == 0 ? 0 : Math.sqrt(sq[j] / n);
      std[j] = s < MIN_STD ? 1f : (float) s;
    }
    return new Standardizer(mean, std);
  }

  /** Fits on a dataset's features. */
  public static Standardizer fit(Dataset data) {
    return fit(data.features(), data.size(), data.numFeatures());
  }

  /** The number of features. */
  public int size() {
    return mean.length;
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /** Standardises rows [0, rows) of {@code src} [rows, d] into {@code dst} (may be the same array). */
  public void apply(float[] src, float[] dst, int rows) {
    int d = mean.length;
    for (int i = 0; i < rows; i++) {
      int off = i * d;
      for (int j = 0; j < d; j++) {
        dst[off + j] = (src[off + j] - mean[j]) / std[j];
      }
    }
  }
}
