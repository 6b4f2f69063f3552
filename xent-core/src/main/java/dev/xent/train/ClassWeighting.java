package dev.xent.train;

import java.util.Locale;

/** How the trainer weights classes in the loss. */
public enum ClassWeighting {
  /** Whatever {@link dev.xent.loss.LossOptions#classWeights()} says (none by default). */
  NONE,
  /**
   * {@code w_c = n_samples / (n_classes · count_c)}, computed on the training rows, as scikit-learn's
   * {@code compute_class_weight("balanced")}; a class absent from the training rows gets weight 0.
   */
  BALANCED;

  /** Parses {@code none} or {@code balanced}. */
  public static ClassWeighting parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> NONE;
      case "balanced" -> BALANCED;
      default -> throw new IllegalArgumentException("unknown class weighting '" + s + "'; allowed: none, balanced");
    };
  }

  /** Balanced weights from per-class counts: {@code n / (C · count_c)}, 0 for an empty class. */
  public static double[] balanced(long[] counts) {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    double[] w = new double[counts.length];
    for (int c = 0; c < counts.length; c++) {
      w[c] = counts[c] == 0 ? 0.0 : (double) n / ((double) counts.length * counts[c]);
    }
    return w;
  }
}
