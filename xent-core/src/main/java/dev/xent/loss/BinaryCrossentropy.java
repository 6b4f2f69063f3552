package dev.xent.loss;

import dev.xent.data.Matrix;

/** TODO(loss family): implemented in the loss-family change. */
public final class BinaryCrossentropy implements DenseTargetLoss {
  private final LossOptions options;

  public BinaryCrossentropy(LossOptions options) {
    this.options = options;
  }

  @Override
  public LossKind kind() {
    return LossKind.BINARY;
  }

  @Override
  public LossOptions options() {
    return options;
  }

  @Override
  public LossResult compute(Matrix yTrue, Matrix yPred, double[] sampleWeight, boolean withGradient) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
