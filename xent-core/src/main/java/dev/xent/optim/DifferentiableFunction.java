package dev.xent.optim;

/** A smooth objective for full-batch minimisation. */
@FunctionalInterface
public interface DifferentiableFunction {
  /**
   * The value at {@code x}, writing ∂f/∂x into {@code gradOut} (same length as x).
   */
  double evaluate(double[] x, double[] gradOut);
}
