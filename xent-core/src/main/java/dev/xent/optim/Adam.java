package dev.xent.optim;

import dev.xent.kernel.Kernels;
import dev.xent.nn.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Adam and AdamW; see {@link AdamConfig} and {@link AdamWConfig} for the update. */
final class Adam implements Optimizer {
  /** Parameters this large are updated on all kernel threads; below it the hand-off costs more than it saves. */
  private static final int PARALLEL_MIN = 32768;

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final boolean decoupled;
  private final OptimizerConfig config;
  private final Map<Parameter, float[][]> moments = new IdentityHashMap<>();
  private double lr;
  private long t;

  Adam(double lr, double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled,
      OptimizerConfig config) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
    this.config = config;
  }

  @Override
  public void step(List<Parameter> parameters) {
    t++;
    // Bias corrections in double: β2ᵗ stays accurate for millions of steps.
    double c1 = 1.0 - Math.pow(beta1, t);
    double c2 = 1.0 - Math.pow(beta2, t);
    float stepSize = (float) (lr / c1);
    float invSqrtC2 = (float) (1.0 / Math.sqrt(c2));
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float a1 = (float) (1.0 - beta1);
    float a2 = (float) (1.0 - beta2);
    float eps = (float) epsilon;
    for (int pi = 0, np = parameters.size(); pi < np; pi++) {
      Parameter p = parameters.get(pi);
      float[] w = p.values();
      float[] g = p.grad();
      float[][] mv = moments.get(p);
      if (mv == null) {
        mv = new float[][] {new float[w.length], new float[w.length]};
        moments.put(p, mv);
      }
      float[] m = mv[0];
      float[] v = mv[1];
      float coupled = p.decayed() && !decoupled ? (float) weightDecay : 0f;
      float shrink = p.decayed() && decoupled ? (float) (1.0 - lr * weightDecay) : 1f;
      int n = w.length;
      if (n >= PARALLEL_MIN && Kernels.threads() > 1) {
        // Element-wise, so any split gives the same bits as one thread.
        Kernels.parallelFor(n, PARALLEL_MIN / 2, (from, to) ->
            update(w, g, m, v, from, to, coupled, shrink, b1, b2, a1, a2, stepSize, invSqrtC2, eps));
      } else {
        update(w, g, m, v, 0, n, coupled, shrink, b1, b2, a1, a2, stepSize, invSqrtC2, eps);
      }
    }
  }

  private static void update(float[] w, float[] g, float[] m, float[] v, int from, int to, float coupled,
      float shrink, float b1, float b2, float a1, float a2, float stepSize, float invSqrtC2, float eps) {
    for (int i = from; i < to; i++) {
      float gi = g[i] + coupled * w[i];
      float mi = b1 * m[i] + a1 * gi;
      float vi = b2 * v[i] + a2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      // PyTorch: w -= (lr/c1) · m / (√v/√c2 + ε)
      w[i] = shrink * w[i] - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtC2 + eps);
    }
  }

  /** Steps taken so far. */
  long steps() {
    return t;
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
