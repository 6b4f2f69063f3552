package dev.xent.optim;

/**
 * Settings of {@link Lbfgs}.
 *
 * @param maxIterations iterations (line searches) at most, ≥ 1
 * @param history correction pairs kept, ≥ 1
 * @param gradientTolerance stop when {@code max|∂f/∂x_i| ≤} this (scipy's {@code gtol}, which scikit-learn sets
 *     to its {@code tol})
 * @param relativeDecrease stop when {@code (f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤} this (scipy's
 *     {@code ftol})
 * @param maxLineSearch function evaluations per line search at most
 */
public record LbfgsConfig(int maxIterations, int history, double gradientTolerance, double relativeDecrease,
    int maxLineSearch) {
  /**
   * scikit-learn's {@code LogisticRegression(solver="lbfgs")} settings (100 iterations, ftol {@code 64·2^-52}, at
   * most 50 evaluations per line search, history 10 as scipy's {@code maxcor}) except the gradient tolerance:
   * 1e-6, not scikit-learn's 1e-4, because on our objective (scaled by 1/Σw) 1e-4 stops early enough to leave
   * the held-out log loss on wine 0.3% above the optimum (0.033020 vs 0.032914); 1e-6 reaches it
   * ({@code bench/csv_vs_sklearn.sh}). Large data sets end on the iteration limit either way.
   */
  public static final LbfgsConfig DEFAULTS = new LbfgsConfig(100, 10, 1e-6, 64 * Math.ulp(1.0), 50);

  public LbfgsConfig {
    if (maxIterations < 1 || history < 1 || maxLineSearch < 1) {
      throw new IllegalArgumentException("L-BFGS needs maxIterations, history and maxLineSearch >= 1");
    }
    OptimizerConfig.nonNegative("L-BFGS gradient tolerance", gradientTolerance);
    OptimizerConfig.nonNegative("L-BFGS relative decrease", relativeDecrease);
  }

  public LbfgsConfig withMaxIterations(int v) {
    return new LbfgsConfig(v, history, gradientTolerance, relativeDecrease, maxLineSearch);
  }

  public LbfgsConfig withGradientTolerance(double v) {
    return new LbfgsConfig(maxIterations, history, v, relativeDecrease, maxLineSearch);
  }

  public LbfgsConfig withRelativeDecrease(double v) {
    return new LbfgsConfig(maxIterations, history, gradientTolerance, v, maxLineSearch);
  }
}
