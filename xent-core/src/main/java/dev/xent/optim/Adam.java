package dev.xent.optim;

import dev.xent.kernel.Kernels;
import dev.xent.kernel.RowParallel;
import dev.xent.nn.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Adam and AdamW; see {@link AdamConfig} and {@link AdamWConfig} for the update. */
final class Adam implements Optimizer {
  /**
   * Steps over this many parameter values in all are split over the kernel threads, at least half of it per thread;
   * below it the hand-off costs more than it saves.
   */
  private static final int PARALLEL_MIN = 32768;

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final boolean decoupled;
  private final OptimizerConfig config;
  private final Map<Parameter, float[][]> moments = new IdentityHashMap<>();
  private final Update update = new Update();
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
    Update u = update;
    u.prepare(parameters);
    u.stepSize = (float) (lr / c1);
    u.invSqrtC2 = (float) (1.0 / Math.sqrt(c2));
    u.b1 = (float) beta1;
    u.b2 = (float) beta2;
    u.a1 = (float) (1.0 - beta1);
    u.a2 = (float) (1.0 - beta2);
    u.eps = (float) epsilon;
    for (int pi = 0; pi < u.count; pi++) {
      u.params[pi].grad(); // writes out a pending zeroGrad here, not from the threads of the update
      boolean decayed = u.params[pi].decayed();
      u.coupled[pi] = decayed && !decoupled ? (float) weightDecay : 0f;
      u.shrink[pi] = decayed && decoupled ? (float) (1.0 - lr * weightDecay) : 1f;
    }
    int total = u.starts[u.count];
    if (total >= PARALLEL_MIN && Kernels.threads() > 1) {
      // All parameters in one hand-off, split over their concatenation; element-wise, so any split gives the
      // same bits as one thread.
      Kernels.parallelFor(total, PARALLEL_MIN / 2, u);
    } else {
      u.run(0, total);
    }
  }

  /**
   * One step's update over the parameters laid end to end: {@link #run} takes a range of that concatenation. Kept
   * between steps, so a step allocates nothing once the parameter list is known.
   */
  private final class Update implements RowParallel.RangeBody {
    private Parameter[] params = new Parameter[0];
    private float[][] moment1 = new float[0][];
    private float[][] moment2 = new float[0][];
    /** Parameter i covers [starts[i], starts[i+1]) of the concatenation. */
    private int[] starts = {0};
    private float[] coupled = new float[0];
    private float[] shrink = new float[0];
    private int count;
    private float stepSize;
    private float invSqrtC2;
    private float b1;
    private float b2;
    private float a1;
    private float a2;
    private float eps;

    /** Looks up (or creates) the moments of each parameter when the parameters differ from the last step's. */
    void prepare(List<Parameter> parameters) {
      int np = parameters.size();
      if (np == count) {
        boolean same = true;
        for (int pi = 0; pi < np && same; pi++) {
          same = parameters.get(pi) == params[pi];
        }
        if (same) {
          return;
        }
      }
      params = new Parameter[np];
      moment1 = new float[np][];
      moment2 = new float[np][];
      starts = new int[np + 1];
      coupled = new float[np];
      shrink = new float[np];
      for (int pi = 0; pi < np; pi++) {
        Parameter p = parameters.get(pi);
        float[][] mv = moments.computeIfAbsent(p, q -> new float[][] {new float[q.size()], new float[q.size()]});
        params[pi] = p;
        moment1[pi] = mv[0];
        moment2[pi] = mv[1];
        starts[pi + 1] = Math.addExact(starts[pi], p.size());
      }
      count = np;
    }

    @Override
    public void run(int from, int to) {
      for (int pi = 0; pi < count; pi++) {
        int lo = Math.max(from, starts[pi]);
        int hi = Math.min(to, starts[pi + 1]);
        if (lo < hi) {
          Parameter p = params[pi];
          update(p.values(), p.grad(), moment1[pi], moment2[pi], lo - starts[pi], hi - starts[pi], coupled[pi],
              shrink[pi], b1, b2, a1, a2, stepSize, invSqrtC2, eps);
        }
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
