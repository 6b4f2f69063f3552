package dev.xent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.loss.FusedSoftmaxCrossEntropy;
import dev.xent.loss.LossOptions;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Results of the kernel entry points do not depend on the thread count. */
class KernelThreadingTest {
  // 1000 rows of 100 classes: rowChunk(100) = 163 rows, so 2, 3 and 4 threads all split the work.
  static final int ROWS = 1000;
  static final int COLS = 100;

  @AfterEach
  void restoreOneThread() {
    Kernels.setThreads(1);
  }

  @Test
  void resultsAreBitIdenticalWhateverTheThreadCount() {
    Outputs reference = null;
    for (int threads = 1; threads <= 4; threads++) {
      Kernels.setThreads(threads);
      Outputs out = Outputs.compute(new Inputs());
      if (reference == null) {
        reference = out;
        continue;
      }
      assertThat(Double.doubleToRawLongBits(out.sparseLoss)).as("sparse loss, %d threads", threads)
          .isEqualTo(Double.doubleToRawLongBits(reference.sparseLoss));
      assertThat(Double.doubleToRawLongBits(out.denseLoss)).as("dense loss, %d threads", threads)
          .isEqualTo(Double.doubleToRawLongBits(reference.denseLoss));
      assertThat(Arrays.equals(out.sparseGrad, reference.sparseGrad)).as("sparse grad, %d threads", threads).isTrue();
      assertThat(Arrays.equals(out.denseGrad, reference.denseGrad)).as("dense grad, %d threads", threads).isTrue();
      assertThat(Arrays.equals(out.product, reference.product)).as("sgemm, %d threads", threads).isTrue();
    }
  }

  /**
   * Hard labels only, where the vector provider takes its per-block paths: rows transposed a vector of rows at a
   * time (10 and 64 classes) and chunked rows (1000, 2050). Enough rows for several tasks at every thread count,
   * so tasks start mid-block and end in partial blocks; one row in seven is ignored.
   */
  @ParameterizedTest(name = "{0} classes")
  @ValueSource(ints = {10, 64, 1000, 2050})
  void hardLabelRowsAreBitIdenticalWhateverTheThreadCount(int cols) {
    int rows = 3 * 16384 / cols + 13;
    SplittableRandom rnd = new SplittableRandom(cols);
    float[] logits = new float[rows * cols]; // [rows, cols], row-major
    for (int k = 0; k < logits.length; k++) {
      logits[k] = (float) (3 * rnd.nextGaussian());
    }
    int[] labels = new int[rows];
    float[] coef = new float[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = i % 7 == 3 ? -100 : rnd.nextInt(cols);
      coef[i] = (float) (0.5 + rnd.nextDouble());
    }
    double[] refLoss = null;
    float[] refGrad = null;
    for (int threads = 1; threads <= 4; threads++) {
      Kernels.setThreads(threads);
      double[] loss = new double[rows];
      float[] grad = new float[rows * cols];
      Kernels.softmaxXentSparse(logits, rows, cols, labels, coef, null, null, 1f / rows, loss, grad);
      assertThat(Arrays.stream(loss).allMatch(Double::isFinite)).as("finite losses").isTrue();
      if (refLoss == null) {
        refLoss = loss;
        refGrad = grad;
        continue;
      }
      assertThat(loss).as("loss, %d threads", threads).isEqualTo(refLoss);
      assertThat(Arrays.equals(grad, refGrad)).as("gradient, %d threads", threads).isTrue();
    }
  }

  /** Fixed inputs for the three entry points. */
  static final class Inputs {
    final float[] logits = new float[ROWS * COLS];
    final int[] labels = new int[ROWS];
    final float[] targets = new float[ROWS * COLS];
    final float[] sampleWeight = new float[ROWS];
    final float[] gradSparse = new float[ROWS * COLS];
    final float[] gradDense = new float[ROWS * COLS];
    final float[] a = new float[ROWS * 32];
    final float[] b = new float[32 * COLS];
    final float[] c = new float[ROWS * COLS];
    final int cols;
    final FusedSoftmaxCrossEntropy sparse;
    final FusedSoftmaxCrossEntropy dense;
    /** Hard labels without smoothing: rows shorter than a vector take the block-of-rows kernel. */
    final FusedSoftmaxCrossEntropy hard;

    Inputs() {
      this(COLS);
    }

    /** Inputs of {@code cols} classes (at most COLS): rows of 10 take the short-row kernels. */
    Inputs(int cols) {
      this.cols = cols;
      sparse = new FusedSoftmaxCrossEntropy(LossOptions.torch().withLabelSmoothing(0.1), ROWS, cols);
      dense = new FusedSoftmaxCrossEntropy(LossOptions.torch(), ROWS, cols);
      hard = new FusedSoftmaxCrossEntropy(LossOptions.torch(), ROWS, cols);
      SplittableRandom rnd = new SplittableRandom(42);
      for (int k = 0; k < logits.length; k++) {
        logits[k] = (float) (3 * rnd.nextGaussian());
      }
      for (int i = 0; i < ROWS; i++) {
        labels[i] = rnd.nextInt(cols);
        targets[i * cols + labels[i]] = 0.7f;
        targets[i * cols + (labels[i] + 1) % cols] = 0.3f;
        sampleWeight[i] = (float) (0.5 + rnd.nextDouble());
      }
      for (int k = 0; k < a.length; k++) {
        a[k] = (float) rnd.nextGaussian();
      }
      for (int k = 0; k < b.length; k++) {
        b[k] = (float) rnd.nextGaussian();
      }
    }

    void runAll() {
      sparse.sparse(logits, ROWS, labels, sampleWeight, gradSparse);
      hard.sparse(logits, ROWS, labels, sampleWeight, gradSparse);
      dense.dense(logits, ROWS, targets, null, gradDense);
      Kernels.sgemm(false, false, ROWS, COLS, 32, 1f, a, 0, 32, b, 0, COLS, 0f, c, 0, COLS);
    }
  }

  /** What one thread count produced. */
  record Outputs(double sparseLoss, double denseLoss, float[] sparseGrad, float[] denseGrad, float[] product) {
    static Outputs compute(Inputs in) {
      double s = in.sparse.sparse(in.logits, ROWS, in.labels, in.sampleWeight, in.gradSparse);
      double d = in.dense.dense(in.logits, ROWS, in.targets, null, in.gradDense);
      Kernels.sgemm(false, false, ROWS, COLS, 32, 1f, in.a, 0, 32, in.b, 0, COLS, 0f, in.c, 0, COLS);
      return new Outputs(s, d, in.gradSparse.clone(), in.gradDense.clone(), in.c.clone());
    }
  }
}
