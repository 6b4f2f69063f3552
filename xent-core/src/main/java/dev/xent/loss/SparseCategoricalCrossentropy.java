package dev.xent.loss;

import dev.xent.data.Matrix;
import java.util.Objects;

/**
 * Cross-entropy from integer class ids: Keras's {@code SparseCategoricalCrossentropy} and PyTorch's
 * {@code cross_entropy} with class-index targets. No one-hot matrix is ever built.
 *
 * <ul>
 *   <li>Label smoothing (ε) makes the target {@code (1-ε)e_t + ε/C} (PyTorch's {@code label_smoothing}; Keras's
 *       sparse loss has no such option, so under Keras this is what its dense loss gives on one-hot rows). With
 *       PyTorch class weights the loss is
 *       {@code (1-ε)·w_t·(-log q_t) + (ε/C)·Σ_c w_c·(-log q_c)}; under Keras the weight of t is a sample weight.
 *   <li>{@link LossOptions#ignoreClass()} (PyTorch default -100): such samples have loss 0, gradient 0 and are left
 *       out of every divisor. When nothing is left to average, Keras gives 0 and PyTorch NaN.
 *   <li>{@link Reduction#WEIGHTED_MEAN} divides by {@code Σ s_i·w_{t_i}} over non-ignored samples (PyTorch
 *       {@code mean}).
 *   <li>Probabilities: Keras {@code q = clip(p/Σp)}, PyTorch {@code q = clip(p)}.
 * </ul>
 *
 * <p>Golden examples: the Keras docstring, labels {@code [1, 2]}, {@code y_pred = [[0.05,0.95,0],[0.1,0.8,0.1]]},
 * {@link LossOptions#keras()}: 1.177; PyTorch's {@code test_cross_entropy_loss}, logits {@code [[3,1],[1,2]]},
 * labels {@code [0, 1]}, label smoothing 0.15, {@link LossOptions#torch()}: 0.3326.
 */
public final class SparseCategoricalCrossentropy implements Loss {
  private final LossOptions options;

  /** A loss with the given options (see {@link LossOptions#keras()} and {@link LossOptions#torch()}). */
  public SparseCategoricalCrossentropy(LossOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public LossKind kind() {
    return LossKind.SPARSE_CATEGORICAL;
  }

  @Override
  public LossOptions options() {
    return options;
  }

  /**
   * Computes the loss from integer class ids, never materialising a one-hot matrix.
   *
   * @param labels [N] class ids in [0, C), or the ignore class
   * @param yPred [N, C] logits or probabilities, row-major
   * @param sampleWeight [N] non-negative weights, or null for 1
   * @param withGradient whether to compute ∂value/∂y_pred
   * @throws LossInputException for unusable input (a class id out of range names its row), with the fix
   */
  public LossResult compute(int[] labels, Matrix yPred, double[] sampleWeight, boolean withGradient) {
    return SoftmaxFamily.sparse(options, labels, yPred, sampleWeight, withGradient);
  }

  /** The loss alone, without sample weights or gradient. */
  public LossResult compute(int[] labels, Matrix yPred) {
    return compute(labels, yPred, null, false);
  }
}
