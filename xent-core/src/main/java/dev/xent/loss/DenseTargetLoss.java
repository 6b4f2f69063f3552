package dev.xent.loss;

import dev.xent.data.Matrix;

/** A loss whose targets have the shape of its predictions (one-hot, soft or binary rows). */
public interface DenseTargetLoss extends Loss {
  /**
   * Computes the loss, the per-sample values and, if asked, the gradient with respect to y_pred, in one pass.
   *
   * @param yTrue [N, C] targets
   * @param yPred [N, C] logits or probabilities, as {@link LossOptions#fromLogits()} says
   * @param sampleWeight [N] per-sample weights, or null
   * @param withGradient whether to compute ∂value/∂y_pred
   * @throws LossInputException for unusable input, with a message that names the fix
   */
  LossResult compute(Matrix yTrue, Matrix yPred, double[] sampleWeight, boolean withGradient);

  /** The loss alone, without sample weights or gradient. */
  default LossResult compute(Matrix yTrue, Matrix yPred) {
    return compute(yTrue, yPred, null, false);
  }
}
