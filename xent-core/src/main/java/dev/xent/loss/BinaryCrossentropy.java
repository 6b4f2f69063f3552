package dev.xent.loss;

import dev.xent.data.Matrix;
import java.util.Objects;

/**
 * Binary cross-entropy over [N, K] independent labels (multi-label allowed); a sample's loss is the mean over its K
 * labels (Keras), so PyTorch's {@code mean} over all elements is {@link Reduction#SUM_OVER_BATCH_SIZE}.
 *
 * <ul>
 *   <li>Targets in [0, 1] (soft allowed): {@code y' = y(1-ε) + ε/2}.
 *   <li>From logits: {@code max(z,0) - z·y' + log(1+e^{-|z|})}, gradient {@code σ(z) - y'}.
 *   <li>From probabilities, Keras: p clipped to [eps, 1-eps], {@code -(y'·log p + (1-y')·log(1-p))}, gradient
 *       {@code (p-y')/(p(1-p))} where unclipped. PyTorch ({@code F.binary_cross_entropy}): no clip, each log
 *       clamped at -100, gradient {@code (p-y)/max(p(1-p), 1e-12)}.
 *   <li>Class weights: K of them weight each label (PyTorch {@code weight}); two with K = 1 weight each sample by
 *       its rounded target's class (Keras {@code class_weight={0: a, 1: b}}).
 * </ul>
 *
 * <p>Golden example (the Keras docstring): {@code y_true = [[0,1],[0,0]]}, logits
 * {@code [[-18.6,0.51],[2.94,-12.8]]}, {@link LossOptions#keras()} with {@code fromLogits}: 0.8654; per sample
 * [0.235, 1.496].
 */
public final class BinaryCrossentropy implements DenseTargetLoss {
  private final LossOptions options;

  /** A loss with the given options (see {@link LossOptions#keras()} and {@link LossOptions#torch()}). */
  public BinaryCrossentropy(LossOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public LossKind kind() {
    return LossKind.BINARY;
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
    return SigmoidFamily.compute(options, yTrue, yPred, sampleWeight, withGradient, false);
  }
}
