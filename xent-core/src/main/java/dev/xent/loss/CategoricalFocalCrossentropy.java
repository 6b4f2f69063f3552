package dev.xent.loss;

import dev.xent.data.Matrix;
import java.util.Objects;

/**
 * Keras's {@code CategoricalFocalCrossentropy}: {@code l_i = Σ_c α·(1-q_c)^γ·(-v_c·log q_c)}, where each class's
 * focal factor uses its own {@code q_c}.
 *
 * <ul>
 *   <li>Targets: {@code y' = y(1-ε) + ε/C}; under PyTorch class weights enter v ({@code v_c = w_c·y'_c}), under
 *       Keras they become sample weights as in {@link CategoricalCrossentropy}.
 *   <li>From logits: {@code p = softmax(z)} (a plain softmax, then the clip, as Keras).
 *   <li>{@code q = clip(p/Σp, eps, 1-eps)}, renormalised only under the Keras convention.
 *   <li>{@code alpha} ({@link LossOptions#alpha()}) is a scalar, {@code gamma} the focusing exponent; with γ = 0 and
 *       α = 1 this is {@link CategoricalCrossentropy} from probabilities.
 *   <li>The gradient is the exact chain rule through the focal factor, the clip, the renormalisation and the
 *       softmax.
 * </ul>
 *
 * <p>Golden example (the Keras docstring): {@code y_true = [[0,1,0],[0,0,1]]},
 * {@code y_pred = [[0.05,0.95,0],[0.1,0.8,0.1]]}, α = 0.25, γ = 2, {@link LossOptions#keras()}: 0.23315276.
 */
public final class CategoricalFocalCrossentropy implements DenseTargetLoss {
  private final LossOptions options;

  /** A loss with the given options; {@code alpha} and {@code gamma} default to 0.25 and 2. */
  public CategoricalFocalCrossentropy(LossOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public LossKind kind() {
    return LossKind.CATEGORICAL_FOCAL;
  }

  @Override
  public LossOptions options() {
    return options;
  }

  /**
   * {@inheritDoc}
   *
   * @param yTrue [N, C] one-hot or soft target rows, row-major
   * @param yPred [N, C] logits or probabilities, row-major
   * @param sampleWeight [N] non-negative weights, or null for 1
   */
  @Override
  public LossResult compute(Matrix yTrue, Matrix yPred, double[] sampleWeight, boolean withGradient) {
    return SoftmaxFamily.dense(options, yTrue, yPred, sampleWeight, withGradient, true,
        "categorical focal cross-entropy");
  }
}
