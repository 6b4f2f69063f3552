package dev.xent.loss;

import dev.xent.data.Matrix;

/** TODO(loss family): implemented in the loss-family change. */
public final class SparseCategoricalCrossentropy implements Loss {
  private final LossOptions options;

  public SparseCategoricalCrossentropy(LossOptions options) {
    this.options = options;
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
   * @param yPred [N, C] logits or probabilities
   * @param sampleWeight [N] or null
   * @param withGradient whether to compute ∂value/∂y_pred
   */
  public LossResult compute(int[] labels, Matrix yPred, double[] sampleWeight, boolean withGradient) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
