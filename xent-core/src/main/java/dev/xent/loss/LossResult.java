package dev.xent.loss;

import dev.xent.data.Matrix;
import java.util.List;

/**
 * What a loss computes in one pass.
 *
 * @param value the reduced loss; with {@link Reduction#NONE} it is the sum of {@code perSample}
 * @param perSample weighted per-sample losses {@code w_i·l_i} [N] (0 for ignored samples), as Keras and PyTorch
 *     return them for reduction "none"
 * @param gradient ∂value/∂y_pred, same shape as y_pred, or null when it was not asked for
 * @param warnings things the caller probably got wrong but that still give a defined result (for example a
 *     softmax applied twice); empty when none
 */
public record LossResult(double value, double[] perSample, Matrix gradient, List<String> warnings) {
  /** Keeps an unmodifiable copy of the warnings. */
  public LossResult {
    warnings = List.copyOf(warnings);
  }
}
