package dev.xent.optim;

/**
 * AdamW (Loshchilov &amp; Hutter): Adam with decoupled weight decay, {@code w -= lr·λ·w} before the Adam update,
 * as {@code torch.optim.AdamW} does. Decay applies to weights, not biases.
 *
 * @param learningRate lr &gt; 0
 * @param beta1 first-moment decay in [0, 1)
 * @param beta2 second-moment decay in [0, 1)
 * @param epsilon ε &gt; 0 added to √v̂
 * @param weightDecay decoupled decay λ ≥ 0
 */
public record AdamWConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
    implements OptimizerConfig {
  /** PyTorch's AdamW defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
  public static final AdamWConfig DEFAULTS = new AdamWConfig(1e-3, 0.9, 0.999, 1e-8, 0.01);

  public AdamWConfig {
    OptimizerConfig.positive("AdamW learning rate", learningRate);
    OptimizerConfig.fraction("AdamW beta1", beta1);
    OptimizerConfig.fraction("AdamW beta2", beta2);
    OptimizerConfig.positive("AdamW epsilon", epsilon);
    OptimizerConfig.nonNegative("AdamW weight decay", weightDecay);
  }

  @Override
  public Optimizer create() {
    return new Adam(learningRate, beta1, beta2, epsilon, weightDecay, true, this);
  }

  @Override
  public String name() {
    return "adamw";
  }

  @Override
  public AdamWConfig withLearningRate(double lr) {
    return new AdamWConfig(lr, beta1, beta2, epsilon, weightDecay);
  }

  public AdamWConfig withWeightDecay(double wd) {
    return new AdamWConfig(learningRate, beta1, beta2, epsilon, wd);
  }
}
