package dev.xent.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    float[] logits = gaussianLogits(rnd, rows, cols);
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

  /**
   * The gradient written over the logits, with rows split across 1 to 4 threads, equals the gradient written to its
   * own array on one thread, loss included, for sparse labels (the short-row, transposed and chunked layouts) and
   * dense targets.
   */
  @ParameterizedTest(name = "{0} classes")
  @ValueSource(ints = {10, 64, 1000})
  void gradientInPlaceIsBitIdenticalWhateverTheThreadCount(int cols) {
    int rows = 3 * 16384 / cols + 13;
    SplittableRandom rnd = new SplittableRandom(cols + 5);
    float[] logits = gaussianLogits(rnd, rows, cols);
    int[] labels = new int[rows];
    float[] targets = new float[rows * cols]; // [rows, cols]: 0.7 on the label, 0.3 on the next class
    for (int i = 0; i < rows; i++) {
      labels[i] = i % 7 == 3 ? -100 : rnd.nextInt(cols);
      int t = Math.max(0, labels[i]);
      targets[i * cols + t] = 0.7f;
      targets[i * cols + (t + 1) % cols] = 0.3f;
    }
    LossOptions options = LossOptions.torch().withLabelSmoothing(0.1);
    Kernels.setThreads(1);
    float[] sparseGrad = new float[logits.length];
    float[] denseGrad = new float[logits.length];
    double sparseLoss = new FusedSoftmaxCrossEntropy(options, rows, cols).sparse(logits, rows, labels, null,
        sparseGrad);
    double denseLoss = new FusedSoftmaxCrossEntropy(options, rows, cols).dense(logits, rows, targets, null,
        denseGrad);
    for (int threads = 1; threads <= 4; threads++) {
      Kernels.setThreads(threads);
      float[] inPlace = logits.clone();
      double loss = new FusedSoftmaxCrossEntropy(options, rows, cols).sparse(inPlace, rows, labels, null, inPlace);
      assertThat(Double.doubleToRawLongBits(loss)).as("sparse loss, %d threads", threads)
          .isEqualTo(Double.doubleToRawLongBits(sparseLoss));
      assertThat(Arrays.equals(inPlace, sparseGrad)).as("sparse gradient in place, %d threads", threads).isTrue();
      inPlace = logits.clone();
      loss = new FusedSoftmaxCrossEntropy(options, rows, cols).dense(inPlace, rows, targets, null, inPlace);
      assertThat(Double.doubleToRawLongBits(loss)).as("dense loss, %d threads", threads)
          .isEqualTo(Double.doubleToRawLongBits(denseLoss));
      assertThat(Arrays.equals(inPlace, denseGrad)).as("dense gradient in place, %d threads", threads).isTrue();
    }
  }

  @Test
  void theGradientCannotOverwriteTheTargets() {
    float[] logits = {1f, 2f, 3f};
    float[] targets = {0f, 0f, 1f};
    FusedSoftmaxCrossEntropy loss = new FusedSoftmaxCrossEntropy(LossOptions.torch(), 1, 3);
    assertThatThrownBy(() -> loss.dense(logits, 1, targets, null, targets))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be written over the targets");
  }

  /**
   * Products large enough that several threads share one packing of B give the same bits on 1, 2 and 3 threads, in
   * all four transposes, at offsets.
   */
  @Test
  void packedProductsAreBitIdenticalWhateverTheThreadCount() {
    SplittableRandom rnd = new SplittableRandom(7);
    // {m, n, k}: the MLP's shapes at batch 32 with a shorter k (several k blocks, a partial 6-row tile), its
    // dW1 = dYᵀ·X likewise, odd sizes, and more columns than one packed block (1024).
    int[][] shapes = {{32, 256, 200}, {256, 100, 32}, {35, 33, 100}, {40, 1100, 7}};
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          int lda = (ta ? m : k) + 1;
          int ldb = (tb ? k : n) + 2;
          int ldc = n + 3;
          float[] a = new float[5 + (ta ? k : m) * lda];
          float[] b = new float[4 + (tb ? n : k) * ldb];
          float[] c0 = new float[2 + m * ldc];
          for (float[] v : new float[][] {a, b, c0}) {
            for (int i = 0; i < v.length; i++) {
              v[i] = (float) (rnd.nextDouble() * 2 - 1);
            }
          }
          float[] reference = null;
          for (int threads = 1; threads <= 3; threads++) {
            Kernels.setThreads(threads);
            float[] c = c0.clone();
            Kernels.sgemm(ta, tb, m, n, k, 0.5f, a, 5, lda, b, 4, ldb, 2f, c, 2, ldc);
            if (reference == null) {
              reference = c;
            } else {
              assertThat(c).as("m=%d n=%d k=%d ta=%b tb=%b on %d threads", m, n, k, ta, tb, threads)
                  .containsExactly(reference);
            }
          }
        }
      }
    }
  }

  /** [rows, cols] row-major logits drawn as 3·N(0, 1). */
  static float[] gaussianLogits(SplittableRandom rnd, int rows, int cols) {
    float[] logits = new float[rows * cols];
    for (int k = 0; k < logits.length; k++) {
      logits[k] = (float) (3 * rnd.nextGaussian());
    }
    return logits;
  }

  /** Fixed inputs for the three entry points. */
  static final class Inputs {
    final float[] logits = new float[ROWS * COLS];
    final int[] labels = new int[ROWS];
    final float[] targets = new float[ROWS * COLS];
    final float[] sampleWeight = new float[ROWS];
    final float[] gradSparse = new float[ROWS * COLS];
    final float[] gradDense = new float[ROWS * COLS];
    /** Logits whose gradient is written over them: after the first call, each call's logits are the last gradient. */
    final float[] overwritten;
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
      overwritten = logits.clone();
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
      hard.sparse(overwritten, ROWS, labels, sampleWeight, overwritten);
      // the loss alone as well, as validation batches ask for it: its loops and the gradient's are then all hot
      hard.sparse(logits, ROWS, labels, sampleWeight, null);
      dense.dense(logits, ROWS, targets, null, gradDense);
      dense.dense(logits, ROWS, targets, null, null);
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
