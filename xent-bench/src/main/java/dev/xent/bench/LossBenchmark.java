package dev.xent.bench;

import dev.xent.kernel.Kernels;
import dev.xent.loss.FusedSoftmaxCrossEntropy;
import dev.xent.loss.LossOptions;
import java.util.SplittableRandom;

/**
 * Times the fused softmax cross-entropy (sparse labels, from logits) after warm-up: forward alone, and forward
 * plus backward. The best of several repetitions is reported, as the PyTorch anchor script does.
 */
public final class LossBenchmark {
  /** What one benchmark run measured. */
  public record Result(int rows, int cols, int threads, String provider, int vectorBitSize,
      double fwdNsPerElem, double fwdBwdNsPerElem) {}

  private LossBenchmark() {}

  /** Runs the benchmark on N x C logits drawn as 3·N(0,1), labels uniform, with the given thread count. */
  public static Result run(int rows, int cols, int threads) {
    Kernels.setThreads(threads);
    SplittableRandom rnd = new SplittableRandom(0);
    float[] logits = new float[Math.multiplyExact(rows, cols)];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (3 * gaussian(rnd));
    }
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = rnd.nextInt(cols);
    }
    float[] grad = new float[logits.length];
    FusedSoftmaxCrossEntropy loss = new FusedSoftmaxCrossEntropy(LossOptions.torch(), rows, cols);
    long elems = (long) rows * cols;
    // Enough repetitions to reach steady state (JIT, page faults) and a stable best-of.
    int reps = (int) Math.max(10, Math.min(200, 2_000_000_000L / Math.max(1, elems)));
    double fwd = best(reps, () -> loss.sparse(logits, rows, labels, null, null));
    double fwdBwd = best(reps, () -> loss.sparse(logits, rows, labels, null, grad));
    return new Result(rows, cols, threads, Kernels.providerName(), Kernels.vectorBitSize(),
        fwd / elems, fwdBwd / elems);
  }

  private static double best(int reps, Runnable body) {
    for (int i = 0; i < Math.max(3, reps / 4); i++) {
      body.run();
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < reps; i++) {
      long t = System.nanoTime();
      body.run();
      best = Math.min(best, System.nanoTime() - t);
    }
    return best;
  }

  private static double gaussian(SplittableRandom rnd) {
    // Box-Muller: two uniforms to one standard normal.
    double u = 1.0 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
