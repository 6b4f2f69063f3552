package dev.xent.optim;

/**
 * Full-batch limited-memory BFGS (Nocedal &amp; Wright, Algorithm 7.4/7.5) in double precision.
 *
 * <p>Direction: the two-loop recursion over the last {@code history} pairs (s, y), with the initial Hessian
 * scaled by {@code s·y / y·y}. Line search: backtracking from step 1 (from {@code 1/‖g‖} on the first
 * iteration, as scipy does) until the Armijo condition {@code f(x+αd) ≤ f(x) + 1e-4·α·g·d} holds, shrinking by
 * a safeguarded quadratic interpolation clamped to [0.1, 0.5] of the step. A pair is stored only when
 * {@code s·y > 1e-10·y·y}, which keeps the inverse-Hessian estimate positive definite without a Wolfe
 * curvature test; for strictly convex objectives (L2-penalised softmax regression) the condition always holds.
 */
public final class Lbfgs {
  /** The Armijo sufficient-decrease constant c1 (Nocedal &amp; Wright's customary 1e-4). */
  static final double ARMIJO = 1e-4;

  private final LbfgsConfig config;

  /** An optimizer with the given settings. */
  public Lbfgs(LbfgsConfig config) {
    this.config = config;
  }

  /**
   * How a minimisation ended.
   *
   * @param value the final objective value
   * @param iterations iterations run
   * @param evaluations function evaluations
   * @param converged whether a tolerance (not the iteration limit or a failed line search) stopped it
   * @param message why it stopped
   */
  public record Result(double value, int iterations, int evaluations, boolean converged, String message) {}

  /** Minimises {@code f} starting from {@code x}, which receives the solution. */
  public Result minimize(DifferentiableFunction f, double[] x) {
    int n = x.length;
    int m = config.history();
    double[][] s = new double[m][n];
    double[][] y = new double[m][n];
    double[] rho = new double[m];
    double[] alpha = new double[m];
    double[] g = new double[n];
    double[] gNew = new double[n];
    double[] d = new double[n];
    double[] xNew = new double[n];
    int stored = 0;
    int head = 0; // index of the next slot to write
    double fx = f.evaluate(x, g);
    int evals = 1;
    if (!Double.isFinite(fx)) {
      throw new IllegalArgumentException("the objective is " + fx + " at the starting point");
    }
    for (int it = 0; it < config.maxIterations(); it++) {
      if (maxAbs(g) <= config.gradientTolerance()) {
        return new Result(fx, it, evals, true, "gradient below tolerance");
      }
      // Two-loop recursion: d = -H·g.
      for (int i = 0; i < n; i++) {
        d[i] = -g[i];
      }
      for (int j = 0; j < stored; j++) {
        int idx = Math.floorMod(head - 1 - j, m);
        alpha[idx] = rho[idx] * dot(s[idx], d);
        axpy(-alpha[idx], y[idx], d);
      }
      if (stored > 0) {
        int last = Math.floorMod(head - 1, m);
        double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
        for (int i = 0; i < n; i++) {
          d[i] *= gamma;
        }
      }
      for (int j = stored - 1; j >= 0; j--) {
        int idx = Math.floorMod(head - 1 - j, m);
        double beta = rho[idx] * dot(y[idx], d);
        axpy(alpha[idx] - beta, s[idx], d);
      }
      double slope = dot(g, d);
      if (!(slope < 0)) { // not a descent direction (numerical trouble): restart from steepest descent
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        slope = dot(g, d);
        stored = 0;
      }
      double step = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(dot(g, g))) : 1.0;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < config.maxLineSearch(); ls++) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + step * d[i];
        }
        fNew = f.evaluate(xNew, gNew);
        evals++;
        if (Double.isFinite(fNew) && fNew <= fx + ARMIJO * step * slope) {
          accepted = true;
          break;
        }
        // Minimiser of the quadratic through f(0), f'(0) and f(step), kept within [0.1, 0.5]·step.
        double q = Double.isFinite(fNew) ? -slope * step * step / (2 * (fNew - fx - slope * step)) : 0.1 * step;
        step = Math.max(0.1 * step, Math.min(0.5 * step, q));
      }
      if (!accepted) {
        return new Result(fx, it, evals, false, "line search failed to decrease the objective");
      }
      double[] sk = s[head];
      double[] yk = y[head];
      for (int i = 0; i < n; i++) {
        sk[i] = xNew[i] - x[i];
        yk[i] = gNew[i] - g[i];
      }
      double sy = dot(sk, yk);
      double yy = dot(yk, yk);
      // Curvature guard: keep the pair only if it keeps H positive definite (see class doc).
      if (sy > 1e-10 * yy) {
        rho[head] = 1.0 / sy;
        head = (head + 1) % m;
        stored = Math.min(stored + 1, m);
      }
      double decrease = (fx - fNew) / Math.max(Math.max(Math.abs(fx), Math.abs(fNew)), 1.0);
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      if (decrease <= config.relativeDecrease()) {
        return new Result(fx, it + 1, evals, true, "relative decrease below tolerance");
      }
    }
    boolean done = maxAbs(g) <= config.gradientTolerance();
    return new Result(fx, config.maxIterations(), evals, done,
        done ? "gradient below tolerance" : "reached the iteration limit");
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double e : v) {
      m = Math.max(m, Math.abs(e));
    }
    return m;
  }
}
