package dev.xent.train;

import dev.xent.data.Dataset;
import dev.xent.data.LabelEncoding;
import java.util.SplittableRandom;

/** Synthetic Gaussian blobs: class k is centred at a fixed random point, unit variance per feature. */
final class Blobs {
  private Blobs() {}

  static Dataset make(int n, int d, int classes, double spread, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = new double[classes][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = r.nextDouble(-spread, spread);
      }
    }
    float[] x = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) (centres[y[i]][j] + r.nextGaussian());
      }
    }
    return Dataset.ofLabels(x, n, d, y, LabelEncoding.ofIndices(classes), null);
  }
}
