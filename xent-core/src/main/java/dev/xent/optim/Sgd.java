package dev.xent.optim;

import dev.xent.nn.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** SGD with optional momentum and Nesterov; see {@link SgdConfig} for the recurrence. */
final class Sgd implements Optimizer {
  private final SgdConfig config;
  private final Map<Parameter, float[]> velocity = new IdentityHashMap<>();
  private double lr;

  Sgd(SgdConfig config) {
    this.config = config;
    this.lr = config.learningRate();
  }

  @Override
  public void step(List<Parameter> parameters) {
    float rate = (float) lr;
    float mu = (float) config.momentum();
    boolean nesterov = config.nesterov();
    for (int pi = 0, np = parameters.size(); pi < np; pi++) {
      Parameter p = parameters.get(pi);
      float[] w = p.values();
      float[] g = p.grad();
      float wd = p.decayed() ? (float) config.weightDecay() : 0f;
      int n = w.length;
      if (mu == 0f) {
        for (int i = 0; i < n; i++) {
          w[i] -= rate * (g[i] + wd * w[i]);
        }
        continue;
      }
      float[] v = velocity.get(p);
      boolean first = v == null;
      if (first) {
        v = new float[n];
        velocity.put(p, v);
      }
      for (int i = 0; i < n; i++) {
        float gi = g[i] + wd * w[i];
        float vi = first ? gi : mu * v[i] + gi; // PyTorch starts the buffer at g (no dampening)
        v[i] = vi;
        w[i] -= rate * (nesterov ? gi + mu * vi : vi);
      }
    }
  }

  @Override
  public double learningRate() {
    return lr;
  }

  @Override
  public void setLearningRate(double lr) {
    OptimizerConfig.nonNegative("learning rate", lr); // 0 allowed: cosine annealing ends there
    this.lr = lr;
  }

  @Override
  public OptimizerConfig config() {
    return config;
  }
}
