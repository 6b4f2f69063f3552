package dev.xent.optim;

/**
 * Stochastic gradient descent in PyTorch's form: {@code v = μ·v + g} (v starts as g), update {@code v}, or
 * {@code g + μ·v} with Nesterov; {@code g} includes {@code weightDecay·w} for decayed parameters (L2).
 *
 * @param learningRate lr &gt; 0
 * @param momentum μ in [0, 1)
 * @param nesterov Nesterov momentum (needs μ &gt; 0)
 * @param weightDecay L2 coefficient λ ≥ 0 added to the gradient of weights (not biases)
 */
public record SgdConfig(double learningRate, double momentum, boolean nesterov, double weightDecay)
    implements OptimizerConfig {
  /** lr 0.01 (Keras's SGD default; PyTorch's is 1e-3), no momentum, no decay. */
  public static final SgdConfig DEFAULTS = new SgdConfig(0.01, 0.0, false, 0.0);

  public SgdConfig {
    OptimizerConfig.positive("SGD learning rate", learningRate);
    OptimizerConfig.fraction("SGD momentum", momentum);
    OptimizerConfig.nonNegative("SGD weight decay", weightDecay);
    if (nesterov && momentum == 0) {
      throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
    }
  }

  @Override
  public Optimizer create() {
    return new Sgd(this);
  }

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public SgdConfig withLearningRate(double lr) {
    return new SgdConfig(lr, momentum, nesterov, weightDecay);
  }

  public SgdConfig withMomentum(double m, boolean nest) {
    return new SgdConfig(learningRate, m, nest, weightDecay);
  }

  public SgdConfig withWeightDecay(double wd) {
    return new SgdConfig(learningRate, momentum, nesterov, wd);
  }
}
