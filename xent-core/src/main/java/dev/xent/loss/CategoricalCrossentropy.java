package dev.xent.loss;

import dev.xent.data.Matrix;
import java.util.Objects;

/**
 * Categorical cross-entropy against one-hot or soft target rows: {@code l_i = -Σ_c v_c·log q_c}, Keras's
 * {@code CategoricalCrossentropy} and PyTorch's {@code cross_entropy} with probability targets.
 *
 * <ul>
 *   <li>Targets: {@code y' = y(1-ε) + ε/C} ({@code labelSmoothing} ε); y is never renormalised.
 *   <li>From logits: {@code q = softmax(z)} through a stable log-sum-exp (logits of ±1e4 give the exact finite
 *       loss); gradient {@code (Σ_c v_c)·softmax(z) - v}.
 *   <li>From probabilities: Keras renormalises {@code q = p/Σp}, then clips to [eps, 1-eps]; PyTorch only clips.
 *       Clipped components pass no gradient.
 *   <li>Class weights: PyTorch puts them in the loss ({@code v_c = w_c·y'_c}); Keras uses the weight of
 *       {@code argmax(y_i)} as a sample weight ({@code fit(class_weight=)}).
 * </ul>
 *
 * <p>Golden example (the Keras docstring): {@code y_true = [[0,1,0],[0,0,1]]},
 * {@code y_pred = [[0.05,0.95,0],[0.1,0.8,0.1]]} with {@link LossOptions#keras()} gives 1.177; per sample
 * [0.0513, 2.303]; with sample weights [0.3, 0.7] it gives 0.814.
 */
public final class CategoricalCrossentropy implements DenseTargetLoss {
  private final LossOptions options;

  /** A loss with the given options (see {@link LossOptions#keras()} and {@link LossOptions#torch()}). */
  public CategoricalCrossentropy(LossOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public LossKind kind() {
    return LossKind.CATEGORICAL;
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
    return SoftmaxFamily.dense(options, yTrue, yPred, sampleWeight, withGradient, false,
        "categorical cross-entropy");
  }
}
