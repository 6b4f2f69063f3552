package dev.xent.train;

import dev.xent.optim.LbfgsConfig;

/**
 * Settings of {@link SoftmaxRegression}.
 *
 * @param c inverse L2 strength, as scikit-learn's {@code C} (&gt; 0): the penalty is {@code ‖W‖²/(2C)} on the
 *     weights (not the intercepts)
 * @param lbfgs optimizer settings
 * @param classWeighting balanced class weights multiply the sample weights, as scikit-learn's
 *     {@code class_weight="balanced"}
 * @param standardize whether inputs are standardised first (stored in the model)
 * @param threads kernel threads, ≥ 1, or 0 for all processors
 */
public record SoftmaxRegressionConfig(double c, LbfgsConfig lbfgs, ClassWeighting classWeighting, boolean standardize,
    int threads) {
  /** scikit-learn's defaults (C = 1, its L-BFGS settings, no class weights), standardised inputs, all processors. */
  public static final SoftmaxRegressionConfig DEFAULTS =
      new SoftmaxRegressionConfig(1.0, LbfgsConfig.DEFAULTS, ClassWeighting.NONE, true, 0);

  public SoftmaxRegressionConfig {
    if (!(c > 0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("C must be a finite number > 0, got " + c);
    }
    if (lbfgs == null || classWeighting == null) {
      throw new IllegalArgumentException("L-BFGS settings and class weighting are required");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all processors), got " + threads);
    }
  }

  public SoftmaxRegressionConfig withC(double v) {
    return new SoftmaxRegressionConfig(v, lbfgs, classWeighting, standardize, threads);
  }

  public SoftmaxRegressionConfig withLbfgs(LbfgsConfig v) {
    return new SoftmaxRegressionConfig(c, v, classWeighting, standardize, threads);
  }

  public SoftmaxRegressionConfig withStandardize(boolean v) {
    return new SoftmaxRegressionConfig(c, lbfgs, classWeighting, v, threads);
  }

  public SoftmaxRegressionConfig withThreads(int v) {
    return new SoftmaxRegressionConfig(c, lbfgs, classWeighting, standardize, v);
  }
}
