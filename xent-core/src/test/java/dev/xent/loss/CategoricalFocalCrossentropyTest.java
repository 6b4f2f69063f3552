package dev.xent.loss;

import static dev.xent.loss.LossChecks.assertAllClose;
import static dev.xent.loss.LossChecks.assertGradientMatchesFiniteDifferences;
import static dev.xent.loss.LossChecks.fill;
import static dev.xent.loss.LossChecks.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.data.Matrix;
import org.junit.jupiter.api.Test;

/** Keras's CategoricalFocalCrossentropyTest checklist, the γ = 0 reduction to cross-entropy, and gradients. */
class CategoricalFocalCrossentropyTest {
  static final LossOptions KERAS = LossOptions.keras();
  static final LossOptions KERAS_LOGITS = KERAS.withFromLogits(true);
  static final LossOptions TORCH = LossOptions.torch();

  static LossResult cfce(LossOptions o, Matrix y, Matrix p, double[] w) {
    return new CategoricalFocalCrossentropy(o).compute(y, p, w, true);
  }

  /** α(1-q)^γ·(-log q) for the true class of a one-hot row. */
  static double focal(double q, double alpha, double gamma) {
    return alpha * Math.pow(1 - q, gamma) * -Math.log(q);
  }

  @Test
  void allCorrect() {
    Matrix eye = CategoricalCrossentropyTest.oneHot();
    assertThat(cfce(KERAS, eye, eye, null).value()).isCloseTo(0, within(1e-15));
    Matrix z = rows(new double[] {10, 0, 0}, new double[] {0, 10, 0}, new double[] {0, 0, 10});
    assertThat(cfce(KERAS_LOGITS, eye, z, null).value()).isCloseTo(0, within(1e-10));
  }

  @Test
  void unweightedAndWeighted() {
    Matrix eye = CategoricalCrossentropyTest.oneHot();
    Matrix p = CategoricalCrossentropyTest.probs();
    double[] l = {focal(0.9, 0.25, 2), focal(0.89 / 1.99, 0.25, 2), focal(0.94, 0.25, 2)};
    assertThat(cfce(KERAS, eye, p, null).value()).isCloseTo((l[0] + l[1] + l[2]) / 3, within(1e-7))
        .isCloseTo(0.02059, within(1.5e-3));
    assertThat(cfce(KERAS, eye, p, fill(3, 2.3)).value()).isCloseTo(0.047368, within(1.5e-3));
    assertThat(cfce(KERAS, eye, p, new double[] {1.2, 3.4, 5.6}).value()).isCloseTo(0.06987, within(1.5e-3));
    Matrix z = CategoricalCrossentropyTest.logits();
    assertThat(cfce(KERAS_LOGITS, eye, z, null).value()).isCloseTo(0.000345, within(1.5e-3));
    assertThat(cfce(KERAS_LOGITS, eye, z, fill(3, 2.3)).value()).isCloseTo(0.000794, within(1.5e-4));
    assertThat(cfce(KERAS_LOGITS, eye, z, new double[] {1.2, 3.4, 5.6}).value()).isCloseTo(0.001933, within(1.5e-3));
  }

  @Test
  void noReduction() {
    Matrix z = CategoricalCrossentropyTest.logits();
    LossResult r = cfce(KERAS_LOGITS.withPrecision(Precision.FLOAT64).withReduction(Reduction.NONE),
        CategoricalCrossentropyTest.oneHot(), z, null);
    double[] lse = {8 + CategoricalCrossentropyTest.LOGITS_LOSS[0], 9 + CategoricalCrossentropyTest.LOGITS_LOSS[1],
        5 + CategoricalCrossentropyTest.LOGITS_LOSS[2]};
    double[] closed = {focal(Math.exp(8 - lse[0]), 0.25, 2), focal(Math.exp(9 - lse[1]), 0.25, 2),
        focal(Math.exp(5 - lse[2]), 0.25, 2)};
    assertAllClose(r.perSample(), closed, 1e-9);
    assertAllClose(r.perSample(), new double[] {1.5096224e-09, 2.4136547e-11, 0.0010360638}, 1e-6);
  }

  @Test
  void labelSmoothingAndDocstrings() {
    LossResult s = cfce(KERAS_LOGITS.withLabelSmoothing(0.1), rows(new double[] {1, 0, 0}),
        rows(new double[] {4.9, -0.5, 2.05}), null);
    assertThat(s.value()).isCloseTo(0.06685, within(1.5e-3));
    Matrix y = rows(new double[] {0, 1, 0}, new double[] {0, 0, 1});
    assertThat(cfce(KERAS, y, rows(new double[] {0.05, 0.95, 0}, new double[] {0.1, 0.8, 0.1}), null).value())
        .isCloseTo(0.23315276, within(1e-6));
    assertAllClose(cfce(KERAS.withReduction(Reduction.NONE), y,
        rows(new double[] {0.05, 0.9, 0.05}, new double[] {0.1, 0.85, 0.05}), null).perSample(),
        new double[] {0.000263401289, 0.675912094}, 1e-6);
  }

  @Test
  void gammaZeroAlphaOneIsCategoricalCrossentropy() {
    Matrix y = rows(new double[] {0.3, 0.0, 0.7}, new double[] {0, 1, 0}, new double[] {0.2, 0.5, 0.3});
    Matrix p = rows(new double[] {0.2, 0.5, 0.3}, new double[] {0.1, 0.6, 0.5}, new double[] {0, 0.9, 0.1});
    Matrix z = rows(new double[] {0.2, -1.5, 0.3}, new double[] {1.1, 0.6, -0.5}, new double[] {0, 0.9, 0.1});
    double[] w = {0.5, 1, 2};
    for (LossOptions base : new LossOptions[] {KERAS, TORCH.withFromLogits(false), KERAS_LOGITS, TORCH}) {
      LossOptions o = base.withLabelSmoothing(0.1).withClassWeights(1, 2, 0.5).withPrecision(Precision.FLOAT64);
      Matrix x = o.fromLogits() ? z : p;
      LossResult f = cfce(o.withGamma(0).withAlpha(1), y, x, w);
      LossResult c = new CategoricalCrossentropy(o).compute(y, x, w, true);
      assertThat(f.value()).as(base.toString()).isCloseTo(c.value(), within(1e-12));
      assertAllClose(f.gradient().data(), c.gradient().data(), 1e-12);
      // alpha is a plain factor
      assertThat(cfce(o.withGamma(0).withAlpha(0.25), y, x, w).value()).isCloseTo(0.25 * c.value(), within(1e-12));
    }
  }

  @Test
  void guardRails() {
    CategoricalFocalCrossentropy loss = new CategoricalFocalCrossentropy(KERAS);
    assertThatThrownBy(() -> loss.compute(rows(new double[] {1}), rows(new double[] {0.9})))
        .isInstanceOf(LossInputException.class).hasMessageContaining("--loss binary");
    assertThatThrownBy(() -> loss.compute(rows(new double[] {2}), rows(new double[] {0.1, 0.2, 0.7})))
        .isInstanceOf(LossInputException.class).hasMessageContaining("integer class ids");
    assertThatThrownBy(() -> loss.compute(Matrix.zeros(1, 3), Matrix.zeros(1, 2)))
        .isInstanceOf(LossInputException.class).hasMessageContaining("[1, 3]");
  }

  @Test
  void extremeValues() {
    LossResult r = cfce(KERAS_LOGITS, rows(new double[] {0, 1}), rows(new double[] {1e4, -1e4}), null);
    // softmax gives p = [1, 0]: clipped to [1-eps, eps]: α·(1-eps)^2·(-log eps), finite.
    double lo = (float) 1e-7;
    assertThat(r.value()).isCloseTo(0.25 * Math.pow(1 - lo, 2) * -Math.log(lo), within(1e-5));
    assertThat(r.gradient().data()).containsOnly(0.0);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Matrix y = rows(new double[] {0.3, 0.0, 0.7}, new double[] {0, 1, 0});
    Matrix z = rows(new double[] {0.2, -1.5, 0.3}, new double[] {1.1, 0.6, -0.5});
    double[] w = {0.5, 2};
    LossOptions logits = TORCH.withLabelSmoothing(0.1).withClassWeights(1, 2, 0.5);
    assertGradientMatchesFiniteDifferences(x -> cfce(logits, y, x, w), z, 1e-6, 1e-7);
    Matrix p = rows(new double[] {0.2, 0.5, 0.3}, new double[] {0.1, 0.6, 0.5});
    LossOptions keras = KERAS.withPrecision(Precision.FLOAT64).withGamma(1.5).withLabelSmoothing(0.05);
    assertGradientMatchesFiniteDifferences(x -> cfce(keras, y, x, w), p, 1e-7, 1e-6);
    assertGradientMatchesFiniteDifferences(x -> cfce(TORCH.withFromLogits(false).withGamma(0.5), y, x, w), p, 1e-7,
        1e-6);
  }
}
