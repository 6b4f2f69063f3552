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

/** Keras's BinaryCrossentropyTest checklist, plus PyTorch's {@code binary_cross_entropy(_with_logits)}. */
class BinaryCrossentropyTest {
  static final LossOptions KERAS = LossOptions.keras();
  static final LossOptions KERAS_LOGITS = KERAS.withFromLogits(true);
  static final LossOptions TORCH = LossOptions.torch();

  static LossResult bce(LossOptions o, Matrix y, Matrix p, double[] w) {
    return new BinaryCrossentropy(o).compute(y, p, w, true);
  }

  static Matrix saturatedTrue() {
    return rows(new double[] {1, 0}, new double[] {1, 0});
  }

  static Matrix saturatedPred() {
    return rows(new double[] {1, 1}, new double[] {1, 0});
  }

  static Matrix logitTrue() {
    return rows(new double[] {1, 0, 1}, new double[] {0, 1, 1});
  }

  static Matrix logitPred() {
    return rows(new double[] {10, -10, 10}, new double[] {10, 10, -10});
  }

  @Test
  void allCorrect() {
    Matrix eye = CategoricalCrossentropyTest.oneHot();
    // Per row: one -log(hi) = 1.19e-7 and two -log(1 - lo) = 1.0e-7 (float32 clip bounds).
    double hi = 1f - (float) 1e-7;
    double lo = (float) 1e-7;
    assertThat(bce(KERAS, eye, eye, null).value()).isCloseTo((-Math.log(hi) - 2 * Math.log(1 - lo)) / 3,
        within(1e-12));
    Matrix z = rows(new double[] {10, -10, -10}, new double[] {-10, 10, -10}, new double[] {-10, -10, 10});
    assertThat(bce(KERAS_LOGITS, eye, z, null).value()).isCloseTo(Math.log1p(Math.exp(-10)), within(1e-9));
  }

  @Test
  void unweighted() {
    Matrix p = rows(new double[] {0.9, 0.1, 0.2}, new double[] {0.3, 0.8, 0.1}, new double[] {0.1, 0.2, 0.7});
    double expected = (-Math.log(0.9) - Math.log(0.9) - Math.log(0.8) - Math.log(0.7) - Math.log(0.8)
        - Math.log(0.9) - Math.log(0.9) - Math.log(0.8) - Math.log(0.7)) / 9;
    assertThat(bce(KERAS, CategoricalCrossentropyTest.oneHot(), p, null).value()).isCloseTo(expected, within(1e-6))
        .isCloseTo(0.20046903, within(1e-6));
    assertThat(bce(KERAS_LOGITS, logitTrue(), logitPred(), null).value()).isCloseTo(10.0 / 3, within(1e-3));
  }

  @Test
  void saturatedProbabilitiesDependOnPrecision() {
    // float32 clip: -log(1 - 0.99999988) = 15.942; float64: 16.118 (Keras's test needs float32).
    assertThat(bce(KERAS, saturatedTrue(), saturatedPred(), null).value()).isCloseTo(3.98559, within(1.5e-3));
    double hi = 1f - (float) 1e-7; // 0.99999988
    double lo = (float) 1e-7;
    double closedForm = (-Math.log(hi) - Math.log(1 - hi) - Math.log(hi) - Math.log(1 - lo)) / 4;
    assertThat(bce(KERAS, saturatedTrue(), saturatedPred(), null).value()).isCloseTo(closedForm, within(1e-6));
    assertThat(bce(KERAS.withPrecision(Precision.FLOAT64), saturatedTrue(), saturatedPred(), null).value())
        .isCloseTo(4.02952, within(1e-5));
  }

  @Test
  void weighted() {
    assertThat(bce(KERAS, saturatedTrue(), saturatedPred(), fill(2, 2.3)).value()).isCloseTo(9.1668, within(1.5e-3));
    assertThat(bce(KERAS_LOGITS, logitTrue(), logitPred(), fill(2, 2.3)).value()).isCloseTo(7.666, within(1.5e-3));
    assertThat(bce(KERAS, saturatedTrue(), saturatedPred(), new double[] {1.2, 3.4}).value())
        .isCloseTo(4.7827, within(1.5e-3));
    assertThat(bce(KERAS_LOGITS, logitTrue(), logitPred(), new double[] {4, 3}).value()).isCloseTo(10, within(1.5e-3));
    // mean_with_sample_weight divides by Σ w = 7: (3·20/3) / 7.
    assertThat(bce(KERAS_LOGITS.withReduction(Reduction.WEIGHTED_MEAN), logitTrue(), logitPred(), new double[] {4, 3})
        .value()).isCloseTo(20.0 / 7, within(1e-3));
  }

  @Test
  void noReductionAndSmoothing() {
    LossResult r = bce(KERAS_LOGITS.withReduction(Reduction.NONE), logitTrue(), logitPred(), null);
    assertAllClose(r.perSample(), new double[] {0, 6.666}, 1e-3);
    LossResult s = bce(KERAS_LOGITS.withLabelSmoothing(0.1), rows(new double[] {1, 0, 1}),
        rows(new double[] {10, -10, -10}), null);
    assertThat(s.value()).isCloseTo((10 + 5 * 0.1) / 3, within(1.5e-3));
  }

  @Test
  void torchSaturatedProbabilities() {
    // F.binary_cross_entropy: each log clamped at -100; gradient denominator at least 1e-12 (oracle script).
    Matrix y = rows(new double[] {1, 0}, new double[] {0, 1});
    Matrix p = rows(new double[] {0, 1}, new double[] {0.3, 0.6});
    LossResult r = bce(TORCH.withFromLogits(false), y, p, null);
    assertThat(r.value()).isCloseTo(50.21687514192618, within(1e-12));
    assertAllClose(r.gradient().data(),
        new double[] {-250000000998.9507, 250000000998.9507, 0.35714285714285715, -0.4166666666666667}, 1e-12);
    // Keras clips instead: finite loss, no gradient through the clipped elements.
    LossResult k = bce(KERAS, y, p, null);
    assertThat(k.gradient().get(0, 0)).isZero();
    double clipped = (-Math.log((float) 1e-7) - Math.log(1 - (double) (1f - (float) 1e-7))) / 2;
    assertThat(k.value()).isCloseTo((clipped + (-Math.log(0.7) - Math.log(0.6)) / 2) / 2, within(1e-5));
  }

  @Test
  void torchPerLabelWeights() {
    // F.binary_cross_entropy_with_logits(x, y, weight=[0.5, 2.0]) (oracle script): mean over all elements.
    Matrix x = rows(new double[] {1.5, -2.7}, new double[] {-3.8, 1.2}, new double[] {0.3, 0.9});
    Matrix y = rows(new double[] {1, 0}, new double[] {0, 1}, new double[] {1, 1});
    LossResult r = bce(TORCH.withClassWeights(0.5, 2.0), y, x, null);
    assertThat(r.value()).isCloseTo(0.2879843628577498, within(1e-12));
    assertAllClose(r.gradient().data(), new double[] {
        -0.015202126983863029, 0.020991118685665496, 0.0018234392446775398, -0.07715840550032749,
        -0.035463123599028416, -0.09635016579166537}, 1e-10);
  }

  @Test
  void twoClassWeightsOnOneColumnWeightSamples() {
    Matrix y = rows(new double[] {0}, new double[] {1}, new double[] {1});
    Matrix z = rows(new double[] {0.4}, new double[] {-1.2}, new double[] {2.0});
    for (LossOptions o : new LossOptions[] {KERAS_LOGITS, TORCH}) {
      LossResult a = bce(o.withClassWeights(0.25, 4), y, z, null);
      LossResult b = bce(o, y, z, new double[] {0.25, 4, 4});
      assertThat(a.value()).isCloseTo(b.value(), within(1e-12));
      assertAllClose(a.gradient().data(), b.gradient().data(), 1e-12);
    }
    assertThatThrownBy(() -> new BinaryCrossentropy(TORCH.withClassWeights(1, 2, 3)).compute(y, z))
        .isInstanceOf(LossInputException.class).hasMessageContaining("got 3");
  }

  @Test
  void extremeValues() {
    LossResult r = bce(TORCH, rows(new double[] {1, 0}), rows(new double[] {-1e4, -1e4}), null);
    assertThat(r.value()).isEqualTo(1e4 / 2);
    assertThat(r.gradient().data()).containsExactly(-0.5, 0.0);
    LossResult p = bce(KERAS, rows(new double[] {1, 0}), rows(new double[] {0, 1}), null);
    assertThat(p.value()).isFinite().isCloseTo((-Math.log((float) 1e-7) - Math.log(1 - (double) (1f - (float) 1e-7)))
        / 2, within(1e-5));
  }

  @Test
  void guardRails() {
    BinaryCrossentropy loss = new BinaryCrossentropy(KERAS);
    assertThatThrownBy(() -> loss.compute(Matrix.zeros(2, 1), Matrix.zeros(2, 2)))
        .isInstanceOf(LossInputException.class).hasMessageContaining("[2, 1]").hasMessageContaining("[2, 2]");
    assertThatThrownBy(() -> loss.compute(rows(new double[] {2}), rows(new double[] {0.5})))
        .isInstanceOf(LossInputException.class).hasMessageContaining("outside [0, 1]")
        .hasMessageContaining("sparse-categorical");
    assertThatThrownBy(() -> loss.compute(rows(new double[] {1}), rows(new double[] {3.5})))
        .isInstanceOf(LossInputException.class).hasMessageContaining("--from-logits");
    assertThatThrownBy(() -> loss.compute(rows(new double[] {1}), rows(new double[] {Double.NaN})))
        .isInstanceOf(LossInputException.class).hasMessageContaining("y_pred row 0, column 0 is NaN");
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Matrix y = rows(new double[] {1, 0, 0.3}, new double[] {0, 1, 0.9});
    Matrix z = rows(new double[] {0.7, -1.1, 2.3}, new double[] {-0.4, 0.2, 1.6});
    double[] w = {0.6, 1.7};
    LossOptions logits = TORCH.withClassWeights(0.5, 2, 1.2).withLabelSmoothing(0.2);
    assertGradientMatchesFiniteDifferences(x -> bce(logits, y, x, w), z, 1e-6, 1e-7);
    Matrix p = rows(new double[] {0.7, 0.1, 0.45}, new double[] {0.2, 0.65, 0.9});
    LossOptions keras = KERAS.withPrecision(Precision.FLOAT64).withLabelSmoothing(0.1);
    assertGradientMatchesFiniteDifferences(x -> bce(keras, y, x, w), p, 1e-7, 1e-6);
    assertGradientMatchesFiniteDifferences(x -> bce(TORCH.withFromLogits(false), y, x, w), p, 1e-7, 1e-6);
  }
}
