package dev.xent.loss;

import dev.xent.data.Matrix;
import java.util.Objects;

/**
 * Keras's {@code BinaryFocalCrossentropy}: {@code l = (1-p_t)^γ·bce(y', p)}, a sample's loss the mean over its K
 * labels.
 *
 * <ul>
 *   <li>{@code y' = y(1-ε) + ε/2}; from logits {@code p = σ(z)}.
 *   <li>{@code bce} is the clipped-probability binary cross-entropy (clip to [eps, 1-eps], in both conventions);
 *       {@code p_t = y'·p + (1-y')·(1-p)} uses the unclipped p.
 *   <li>With {@code applyClassBalancing}, each element is multiplied by {@code y'·α + (1-y')·(1-α)}.
 *   <li>Class weights as in {@link BinaryCrossentropy}. The gradient is the exact chain rule.
 * </ul>
 *
 * <p>Golden example (Keras's {@code BinaryFocalCrossentropyTest.test_unweighted}): {@code y_true = [[1,0],[1,0]]},
 * {@code y_pred = [[0.9,0.8],[0.7,0.2]]}, γ = 2, {@link LossOptions#keras()}: 0.268; per sample
 * [0.515547, 0.020513].
 */
public final class BinaryFocalCrossentropy implements DenseTargetLoss {
  private final LossOptions options;

  /** A loss with the given options; {@code gamma} defaults to 2, {@code alpha} (used with balancing) to 0.25. */
  public BinaryFocalCrossentropy(LossOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public LossKind kind() {
    return LossKind.BINARY_FOCAL;
  }

  @Override
  public LossOptions options() {
    return options;
  }

  /**
   * {@inheritDoc}
   *
   * @param yTrue [N, K] targets in [0, 1], row-major
   * @param yPred [N, K] logits or probabilities, row-major
   * @param sampleWeight [N] non-negative weights, or null for 1
   */
  @Override
  public LossResult compute(Matrix yTrue, Matrix yPred, double[] sampleWeight, boolean withGradient) {
    return SigmoidFamily.compute(options, yTrue, yPred, sampleWeight, withGradient, true);
  }
}
