package dev.xent.nn;

import java.util.SplittableRandom;

/**
 * How dense weights start; biases always start at zero.
 *
 * <ul>
 *   <li>{@link #GLOROT_UNIFORM}: U(-a, a), {@code a = √(6/(fanIn+fanOut))} (Keras's default).
 *   <li>{@link #HE_UNIFORM}: U(-a, a), {@code a = √(6/fanIn)} (PyTorch {@code kaiming_uniform_}, gain √2).
 *   <li>{@link #HE_NORMAL}: N(0, σ²), {@code σ = √(2/fanIn)}, not truncated (PyTorch {@code kaiming_normal_};
 *       Keras's {@code he_normal} truncates at 2σ).
 * </ul>
 */
public enum Initializer {
  GLOROT_UNIFORM,
  HE_UNIFORM,
  HE_NORMAL;

  /** Fills {@code w} ([fanOut, fanIn]) from {@code random}, in index order. */
  public void fill(float[] w, int fanIn, int fanOut, SplittableRandom random) {
    switch (this) {
      case GLOROT_UNIFORM -> uniform(w, Math.sqrt(6.0 / (fanIn + fanOut)), random);
      case HE_UNIFORM -> uniform(w, Math.sqrt(6.0 / fanIn), random);
      case HE_NORMAL -> {
        double sigma = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < w.length; i++) {
          w[i] = (float) (sigma * random.nextGaussian());
        }
      }
    }
  }

  private static void uniform(float[] w, double a, SplittableRandom random) {
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextDouble(-a, a);
    }
  }
}
