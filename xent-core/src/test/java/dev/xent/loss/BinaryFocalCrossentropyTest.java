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

/** Keras's BinaryFocalCrossentropyTest checklist, class balancing, the γ = 0 reduction, and gradients. */
class BinaryFocalCrossentropyTest {
  static final LossOptions KERAS = LossOptions.keras();
  static final LossOptions KERAS_LOGITS = KERAS.withFromLogits(true);

  static LossResult bfce(LossOptions o, Matrix y, Matrix p, double[] w) {
    return new BinaryFocalCrossentropy(o).compute(y, p, w, true);
  }

  static Matrix probTrue() {
    return rows(new double[] {1, 0}, new double[] {1, 0});
  }

  static Matrix probPred() {
    return rows(new double[] {0.9, 0.8}, new double[] {0.7, 0.2});
  }

  static Matrix logitTrue() {
    return rows(new double[] {1, 1, 0}, new double[] {0, 1, 0});
  }

  static Matrix logitPred() {
    return rows(new double[] {1.5, -2.7, 2.9}, new double[] {-3.8, 1.2, -4.5});
  }

  @Test
  void allCorrect() {
    Matrix eye = CategoricalCrossentropyTest.oneHot();
    assertThat(bfce(KERAS.withGamma(1.5), eye, eye, null).value()).isCloseTo(0, within(1e-12));
    Matrix z = rows(new double[] {100, -100, -100}, new double[] {-100, 100, -100}, new double[] {-100, -100, 100});
    assertThat(bfce(KERAS_LOGITS, eye, z, null).value()).isCloseTo(0, within(1e-12));
  }

  @Test
  void unweightedWeightedAndNone() {
    // Closed form of row 0: ((0.1)^2·(-log 0.9) + (0.8)^2·(-log 0.2)) / 2.
    double row0 = (0.01 * -Math.log(0.9) + 0.64 * -Math.log(0.2)) / 2;
    double row1 = (0.09 * -Math.log(0.7) + 0.04 * -Math.log(0.8)) / 2;
    LossResult none = bfce(KERAS.withReduction(Reduction.NONE), probTrue(), probPred(), null);
    assertAllClose(none.perSample(), new double[] {row0, row1}, 1e-6);
    assertAllClose(none.perSample(), new double[] {0.515547, 0.020513}, 1e-6);
    assertThat(bfce(KERAS, probTrue(), probPred(), null).value()).isCloseTo(0.268, within(1.5e-3));
    assertThat(bfce(KERAS, probTrue(), probPred(), fill(2, 1.23)).value()).isCloseTo(0.3296, within(1.5e-3));
    assertThat(bfce(KERAS, probTrue(), probPred(), new double[] {1.2, 3.4}).value()).isCloseTo(0.34415, within(1.5e-3));
    LossOptions g3 = KERAS_LOGITS.withGamma(3);
    assertThat(bfce(g3, logitTrue(), logitPred(), null).value()).isCloseTo(0.799, within(1.5e-3));
    assertThat(bfce(g3, logitTrue(), logitPred(), fill(2, 3.21)).value()).isCloseTo(2.565, within(1.5e-3));
    assertThat(bfce(g3, logitTrue(), logitPred(), new double[] {1.2, 3.4}).value()).isCloseTo(0.95977, within(1.5e-3));
  }

  @Test
  void classBalancingAndSmoothing() {
    // Balancing multiplies positives by α and negatives by 1-α.
    LossOptions o = KERAS.withPrecision(Precision.FLOAT64).withClassBalancing(true).withAlpha(0.3)
        .withReduction(Reduction.NONE);
    double row0 = (0.3 * 0.01 * -Math.log(0.9) + 0.7 * 0.64 * -Math.log(0.2)) / 2;
    assertThat(bfce(o, probTrue(), probPred(), null).perSample()[0]).isCloseTo(row0, within(1e-12));
    // Smoothing 0.2: y' = 0.9 / 0.1; p_t from the unclipped p.
    LossOptions s = KERAS.withPrecision(Precision.FLOAT64).withLabelSmoothing(0.2).withReduction(Reduction.NONE);
    double y1 = 0.9;
    double pt = y1 * 0.9 + (1 - y1) * 0.1;
    double bce = -(y1 * Math.log(0.9) + (1 - y1) * Math.log(0.1));
    double y0 = 0.1;
    double pt0 = y0 * 0.8 + (1 - y0) * 0.2;
    double bce0 = -(y0 * Math.log(0.8) + (1 - y0) * Math.log(0.2));
    assertThat(bfce(s, probTrue(), probPred(), null).perSample()[0])
        .isCloseTo((Math.pow(1 - pt, 2) * bce + Math.pow(1 - pt0, 2) * bce0) / 2, within(1e-12));
  }

  @Test
  void gammaZeroIsBinaryCrossentropy() {
    Matrix y = rows(new double[] {1, 0, 0.3}, new double[] {0, 1, 0.9});
    Matrix z = rows(new double[] {0.7, -1.1, 2.3}, new double[] {-0.4, 0.2, 1.6});
    Matrix p = rows(new double[] {0.7, 0.1, 0.45}, new double[] {0.2, 0.65, 0.9});
    double[] w = {0.6, 1.7};
    for (LossOptions base : new LossOptions[] {KERAS, KERAS_LOGITS}) {
      LossOptions o = base.withPrecision(Precision.FLOAT64).withLabelSmoothing(0.1).withClassWeights(1, 0.5, 2);
      Matrix x = o.fromLogits() ? z : p;
      LossResult f = bfce(o.withGamma(0), y, x, w);
      LossResult c = new BinaryCrossentropy(o).compute(y, x, w, true);
      assertThat(f.value()).isCloseTo(c.value(), within(1e-12));
      assertAllClose(f.gradient().data(), c.gradient().data(), 1e-10);
    }
  }

  @Test
  void guardRails() {
    assertThatThrownBy(() -> bfce(KERAS, rows(new double[] {3}), rows(new double[] {0.5}), null))
        .isInstanceOf(LossInputException.class).hasMessageContaining("outside [0, 1]");
    assertThatThrownBy(() -> bfce(KERAS, probTrue(), logitPred(), null))
        .isInstanceOf(LossInputException.class).hasMessageContaining("[2, 2]").hasMessageContaining("[2, 3]");
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Matrix y = rows(new double[] {1, 0, 0.3}, new double[] {0, 1, 0.9});
    Matrix z = rows(new double[] {0.7, -1.1, 2.3}, new double[] {-0.4, 0.2, 1.6});
    double[] w = {0.6, 1.7};
    LossOptions logits = KERAS_LOGITS.withPrecision(Precision.FLOAT64).withClassBalancing(true).withLabelSmoothing(0.1);
    assertGradientMatchesFiniteDifferences(x -> bfce(logits, y, x, w), z, 1e-6, 1e-7);
    Matrix p = rows(new double[] {0.7, 0.1, 0.45}, new double[] {0.2, 0.65, 0.9});
    LossOptions probs = KERAS.withPrecision(Precision.FLOAT64).withGamma(3);
    assertGradientMatchesFiniteDifferences(x -> bfce(probs, y, x, w), p, 1e-7, 1e-6);
    assertGradientMatchesFiniteDifferences(x -> bfce(probs.withGamma(0.5), y, x, w), p, 1e-7, 1e-6);
  }
}
