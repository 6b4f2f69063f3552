package dev.xent.optim;

/**
 * Adam (Kingma &amp; Ba) as PyTorch computes it: {@code m = β1·m + (1-β1)·g}, {@code v = β2·v + (1-β2)·g²},
 * update {@code (m/(1-β1ᵗ)) / (√(v/(1-β2ᵗ)) + ε)}; weight decay here is L2 added to the gradient (coupled), as
 * in {@code torch.optim.Adam(weight_decay=)}. For decoupled decay use {@link AdamWConfig}.
 *
 * @param learningRate lr &gt; 0
 * @param beta1 first-moment decay in [0, 1)
 * @param beta2 second-moment decay in [0, 1)
 * @param epsilon ε &gt; 0 added to √v̂
 * @param weightDecay L2 coefficient λ ≥ 0 on weights (not biases)
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
    implements OptimizerConfig {
  /** PyTorch's and Keras's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8 (Keras uses 1e-7), no decay. */
  public static final AdamConfig DEFAULTS = new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0.0);

  public AdamConfig {
    OptimizerConfig.positive("Adam learning rate", learningRate);
    OptimizerConfig.fraction("Adam beta1", beta1);
    OptimizerConfig.fraction("Adam beta2", beta2);
    OptimizerConfig.positive("Adam epsilon", epsilon);
    OptimizerConfig.nonNegative("Adam weight decay", weightDecay);
  }

  @Override
  public Optimizer create() {
    return new Adam(learningRate, beta1, beta2, epsilon, weightDecay, false, this);
  }

  @Override
  public String name() {
    return "adam";
  }

  @Override
  public AdamConfig withLearningRate(double lr) {
    return new AdamConfig(lr, beta1, beta2, epsilon, weightDecay);
  }

  public AdamConfig withWeightDecay(double wd) {
    return new AdamConfig(learningRate, beta1, beta2, epsilon, wd);
  }
}
