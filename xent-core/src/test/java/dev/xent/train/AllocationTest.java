package dev.xent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.data.Dataset;
import dev.xent.kernel.AllocationWindows;
import dev.xent.nn.LayerSpec;
import dev.xent.nn.Sequential;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A steady-state training step allocates nothing on the calling thread (one or two kernel threads, fused loss,
 * Adam, dropout), and neither does an evaluation of the softmax-regression objective that L-BFGS calls (its panel
 * kernels and the fused loss).
 */
class AllocationTest {
  @ParameterizedTest(name = "{0} kernel threads")
  @ValueSource(ints = {1, 2})
  void steadyStateStepsAllocateNothing(int threads) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Dataset data = Blobs.make(16384, 32, 5, 3.0, 5);
    int steps = 16384 / 64;
    long[] at = new long[2];
    long[] best = {Long.MAX_VALUE};
    long tid = Thread.currentThread().getId();
    ProgressListener probe = new ProgressListener() {
      private int epoch;

      @Override
      public void onEpochStart(int e, int epochs, int s) {
        epoch = e;
      }

      @Override
      public void onBatchEnd(int step, double loss, double acc) {
        // Each epoch from the 4th on is a window; the quietest counts, so a late C2 compilation on a busy
        // machine (the Vector API kernels box their vectors until C2 compiles them) cannot fail the test.
        if (epoch >= 4 && step == 2) {
          at[0] = mx.getThreadAllocatedBytes(tid);
        } else if (epoch >= 4 && step == steps) {
          at[1] = mx.getThreadAllocatedBytes(tid);
          best[0] = Math.min(best[0], at[1] - at[0]);
        }
      }
    };
    // 16 epochs: the skinny output-layer products (5 classes) call their kernels only a few times per step, so C2
    // compiles them later than the packed ones; with 8 epochs a busy machine still ran them boxed in every window.
    TrainerConfig cfg = TrainerConfig.DEFAULTS.withEpochs(16).withBatchSize(64).withThreads(threads)
        .withValidationSplit(0, true); // every row trains: `steps` above counts all 16384
    new Trainer(cfg).setProgressListener(probe)
        .fit(Sequential.mlpSpecs(32, new int[] {64, 32}, 5, LayerSpec.Type.RELU, 0.2), data, null);
    long total = best[0];
    assertThat(at[0]).isPositive();
    // Any object costs >= 16 bytes, so one allocation per step would show >= 16·(steps-2) = 4064 bytes. A few
    // hundred bytes appear once (the JVM's own bookkeeping around the probe), independent of the step count.
    assertThat(total).as("bytes allocated over %d steady-state steps", steps - 2).isLessThan(1024);
  }

  @ParameterizedTest(name = "{0} kernel threads")
  @ValueSource(ints = {1, 2})
  void steadyStateObjectiveEvaluationsAllocateNothing(int threads) {
    dev.xent.kernel.Kernels.setThreads(threads);
    try {
      // 1,000 rows: 15 whole 64-row blocks and a partial one; 100 features: a partial 16-column panel; 7 classes
      int n = 1000;
      int d = 100;
      int c = 7;
      java.util.SplittableRandom r = new java.util.SplittableRandom(3);
      float[] x = new float[n * d];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
      int[] y = new int[n];
      float[] rowWeight = new float[n];
      for (int i = 0; i < n; i++) {
        y[i] = r.nextInt(c);
        rowWeight[i] = 1f;
      }
      SoftmaxRegressionObjective objective = new SoftmaxRegressionObjective(x, null, n, d, c, y, rowWeight, n, 1.0);
      double[] theta = new double[c * d + c];
      double[] grad = new double[theta.length];
      for (int i = 0; i < theta.length; i++) {
        theta[i] = 0.01 * r.nextGaussian();
      }
      // One allocation per evaluation would show at least 320 bytes in every window of 20.
      assertThat(AllocationWindows.lastWindow(20, () -> objective.evaluate(theta, grad)))
          .as("bytes allocated by 20 evaluations, %d threads", threads).isZero();
      double norm = 0;
      for (double g : grad) {
        norm += g * g;
      }
      assertThat(norm).as("squared norm of the objective's gradient").isPositive();
    } finally {
      dev.xent.kernel.Kernels.setThreads(1);
    }
  }
}
