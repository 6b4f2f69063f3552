package dev.xent.optim;

import dev.xent.nn.Parameter;
import java.util.List;

/**
 * Updates parameters from their accumulated gradients: {@code values -= lr·update(grad, state)}. Gradients are
 * ∂loss/∂values (descent direction is their negative); the optimizer never flips that sign.
 *
 * <p>State (momentum, moments) is kept per parameter and allocated on its first step; later steps allocate
 * nothing. Not thread-safe.
 */
public interface Optimizer {
  /** Applies one update to every parameter, using the current learning rate. Does not zero the gradients. */
  void step(List<Parameter> parameters);

  /** The learning rate the next step uses. */
  double learningRate();

  /** Sets the learning rate (≥ 0) for the next steps (schedules call this). */
  void setLearningRate(double lr);

  /** The configuration this optimizer was built from. */
  OptimizerConfig config();
}
