package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.data.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fast float32 path ({@link FusedSoftmaxCrossEntropy}) and the reference classes agree on random logits for
 * every option combination: both conventions, class weights, label smoothing, ignore class, sample weights (some
 * zero) and every reduction, sparse and dense targets.
 */
class FusedAgreementTest {
  static final int ROWS = 9;
  static final int COLS = 5;
  /**
   * The fused path rounds its inputs, coefficients and gradient to float32 and may use a SIMD exp: agreement to
   * 1e-5 relative (the scalar provider agrees within 2e-6), while a wrong weight or divisor differs by percents.
   */
  static final double TOL = 1e-5;

  @Test
  void rejectsInputLikeTheReferenceClasses() {
    LossOptions torch = LossOptions.torch().withFromLogits(true);
    FusedSoftmaxCrossEntropy fused = new FusedSoftmaxCrossEntropy(torch, 2, 3);
    float[] logits = {1, 2, 3, 0, 0, 0}; // [2, 3]
    // The same message (and fix) as SparseCategoricalCrossentropy, so a training run names the row and the remedy.
    assertThatThrownBy(() -> fused.sparse(logits, 2, new int[] {0, 3}, null, null))
        .isInstanceOf(LossInputException.class).hasMessageContaining("row 1: class id 3")
        .hasMessageContaining("not the ignore class -100").hasMessageContaining("number the columns of y_pred from 0");
    assertThatThrownBy(() -> new FusedSoftmaxCrossEntropy(torch.withClassWeights(1, 2), 2, 3))
        .isInstanceOf(LossInputException.class).hasMessageContaining("give one weight per class");
  }

  @TestFactory
  Stream<DynamicTest> sparseAndDenseAgree() {
    List<DynamicTest> tests = new ArrayList<>();
    long seed = 1;
    for (Convention conv : Convention.values()) {
      for (boolean classWeights : new boolean[] {false, true}) {
        for (double smoothing : new double[] {0, 0.1}) {
          for (Reduction red : Reduction.values()) {
            for (boolean sampleWeights : new boolean[] {false, true}) {
              for (Integer ignore : new Integer[] {conv.defaultIgnoreClass(), 3}) {
                LossOptions o = LossOptions.of(conv).withFromLogits(true).withLabelSmoothing(smoothing)
                    .withReduction(red).withIgnoreClass(ignore)
                    .withClassWeights(classWeights ? new double[] {0.5, 2, 1, 0.25, 3} : null);
                long s = seed++;
                tests.add(DynamicTest.dynamicTest("sparse " + o, () -> checkSparse(o, s, sampleWeights, false)));
                if (java.util.Objects.equals(ignore, conv.defaultIgnoreClass())) {
                  tests.add(DynamicTest.dynamicTest("dense " + o, () -> checkDense(o, s, sampleWeights)));
                }
              }
            }
          }
          LossOptions allIgnored = LossOptions.of(conv).withFromLogits(true).withIgnoreClass(3)
              .withLabelSmoothing(smoothing).withClassWeights(classWeights ? new double[] {0.5, 2, 1, 0.25, 3} : null);
          tests.add(DynamicTest.dynamicTest("all ignored " + allIgnored,
              () -> checkSparse(allIgnored, 99, true, true)));
        }
      }
    }
    assertThat(tests).hasSize(2 * 2 * 2 * (4 * 2 * 3 + 1));
    return tests.stream();
  }

  private static float[] logits(SplittableRandom r) {
    float[] z = new float[ROWS * COLS];
    for (int k = 0; k < z.length; k++) {
      z[k] = (float) ((r.nextDouble() - 0.5) * 8);
    }
    return z;
  }

  private static float[] weights(SplittableRandom r, boolean on) {
    if (!on) {
      return null;
    }
    float[] w = new float[ROWS];
    for (int i = 0; i < ROWS; i++) {
      w[i] = i == 2 ? 0f : (float) (r.nextDouble() * 3);
    }
    return w;
  }

  private static void checkSparse(LossOptions o, long seed, boolean sampleWeights, boolean allIgnored) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] z = logits(r);
    float[] w = weights(r, sampleWeights);
    int[] labels = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      labels[i] = allIgnored ? o.ignoreClass() : r.nextInt(COLS);
    }
    if (o.ignoreClass() != null && !allIgnored) {
      labels[4] = o.ignoreClass();
    }
    FusedSoftmaxCrossEntropy fused = new FusedSoftmaxCrossEntropy(o, ROWS, COLS);
    float[] grad = new float[ROWS * COLS];
    double value = fused.sparse(z, ROWS, labels, w, grad);
    LossResult ref = new SparseCategoricalCrossentropy(o).compute(labels, toMatrix(z), toDouble(w), true);
    compare(value, fused.perSample(), grad, ref);
  }

  private static void checkDense(LossOptions o, long seed, boolean sampleWeights) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] z = logits(r);
    float[] w = weights(r, sampleWeights);
    float[] y = new float[ROWS * COLS];
    for (int i = 0; i < ROWS; i++) {
      if (i % 2 == 0) {
        y[i * COLS + r.nextInt(COLS)] = 1f; // one-hot
      } else {
        for (int c = 0; c < COLS; c++) {
          y[i * COLS + c] = (float) r.nextDouble(); // soft, not summing to 1
        }
      }
    }
    FusedSoftmaxCrossEntropy fused = new FusedSoftmaxCrossEntropy(o, ROWS, COLS);
    float[] grad = new float[ROWS * COLS];
    double value = fused.dense(z, ROWS, y, w, grad);
    LossResult ref = new CategoricalCrossentropy(o).compute(new Matrix(toDouble(y), ROWS, COLS), toMatrix(z),
        toDouble(w), true);
    compare(value, fused.perSample(), grad, ref);
  }

  private static void compare(double value, double[] perSample, float[] grad, LossResult ref) {
    if (Double.isNaN(ref.value())) {
      assertThat(value).isNaN();
    } else {
      assertThat(value).isCloseTo(ref.value(), within(TOL * (1 + Math.abs(ref.value()))));
    }
    for (int i = 0; i < ROWS; i++) {
      assertThat(perSample[i]).as("per-sample " + i)
          .isCloseTo(ref.perSample()[i], within(TOL * (1 + Math.abs(ref.perSample()[i]))));
    }
    for (int k = 0; k < grad.length; k++) {
      double g = ref.gradient().data()[k];
      assertThat((double) grad[k]).as("gradient " + k).isCloseTo(g, within(TOL * (1 + Math.abs(g))));
    }
  }

  private static Matrix toMatrix(float[] z) {
    return new Matrix(toDouble(z), ROWS, COLS);
  }

  private static double[] toDouble(float[] f) {
    if (f == null) {
      return null;
    }
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
