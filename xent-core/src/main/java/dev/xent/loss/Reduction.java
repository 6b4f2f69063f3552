package dev.xent.loss;

import java.util.Locale;

/**
 * How per-sample losses {@code w_i·l_i} become one number.
 *
 * <ul>
 *   <li>{@link #NONE}: no reduction; the per-sample values are the result, and the gradient is that of their sum.
 *   <li>{@link #SUM}: Σ w_i·l_i.
 *   <li>{@link #SUM_OVER_BATCH_SIZE}: Σ w_i·l_i divided by the number of (non-ignored) samples: Keras's
 *       default, also called "mean" in Keras.
 *   <li>{@link #WEIGHTED_MEAN}: Σ w_i·l_i divided by Σ w_i (non-ignored): PyTorch's {@code mean} (where w_i is
 *       the class weight of the target) and Keras's {@code mean_with_sample_weight}.
 * </ul>
 */
public enum Reduction {
  /** No reduction: the per-sample values are the result. */
  NONE,
  /** Σ w_i·l_i. */
  SUM,
  /** Σ w_i·l_i / (number of non-ignored samples): Keras's default. */
  SUM_OVER_BATCH_SIZE,
  /** Σ w_i·l_i / Σ w_i: PyTorch's {@code mean}, Keras's {@code mean_with_sample_weight}. */
  WEIGHTED_MEAN;

  /**
   * Parses a reduction name as written in Keras or PyTorch. {@code "mean"} is resolved by the convention
   * (Keras: {@link #SUM_OVER_BATCH_SIZE}; PyTorch: {@link #WEIGHTED_MEAN}); null is {@link #NONE}, as Keras's
   * {@code reduction=None}. {@code "weighted_mean"} is accepted as this enum's own name.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static Reduction parse(String name, Convention convention) {
    String n = name == null ? "none" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "none" -> NONE;
      case "sum" -> SUM;
      case "sum_over_batch_size" -> SUM_OVER_BATCH_SIZE;
      case "mean" -> convention.mean();
      case "mean_with_sample_weight", "weighted_mean" -> WEIGHTED_MEAN;
      default -> throw new IllegalArgumentException(
          "Invalid reduction '" + name + "'. Allowed: none, sum, sum_over_batch_size, mean, mean_with_sample_weight");
    };
  }

  /** The name used on the command line and in JSON. */
  public String cliName() {
    return this == WEIGHTED_MEAN ? "mean_with_sample_weight" : name().toLowerCase(Locale.ROOT);
  }
}
