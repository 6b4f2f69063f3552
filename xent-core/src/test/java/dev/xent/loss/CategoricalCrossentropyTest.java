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

/** Keras's CategoricalCrossentropyTest checklist, plus the PyTorch convention where it differs. */
class CategoricalCrossentropyTest {
  static final LossOptions KERAS = LossOptions.keras();
  static final LossOptions KERAS_LOGITS = KERAS.withFromLogits(true);
  static final LossOptions TORCH = LossOptions.torch();

  static Matrix oneHot() {
    return rows(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1});
  }

  /** Keras's test probabilities; row 1 sums to 1.99. */
  static Matrix probs() {
    return rows(new double[] {0.9, 0.05, 0.05}, new double[] {0.5, 0.89, 0.6}, new double[] {0.05, 0.01, 0.94});
  }

  static Matrix logits() {
    return rows(new double[] {8, 1, 1}, new double[] {0, 9, 1}, new double[] {2, 3, 5});
  }

  /** Closed form of Keras's per-sample losses on {@link #probs()}: renormalise, then -log q_t. */
  static final double[] PROBS_LOSS = {-Math.log(0.9), -Math.log(0.89 / 1.99), -Math.log(0.94)};

  /** Closed form on {@link #logits()}: log Σ e^z - z_t. */
  static final double[] LOGITS_LOSS = {
      Math.log(Math.exp(8) + 2 * Math.exp(1)) - 8,
      Math.log(1 + Math.exp(9) + Math.exp(1)) - 9,
      Math.log(Math.exp(2) + Math.exp(3) + Math.exp(5)) - 5};

  static LossResult cce(LossOptions o, Matrix y, Matrix p, double[] w) {
    return new CategoricalCrossentropy(o).compute(y, p, w, true);
  }

  static double mean(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s / a.length;
  }

  @Test
  void allCorrect() {
    // One-hot probabilities: -log(0.99999988) = 1.19e-7 per sample after the float32 clip.
    assertThat(cce(KERAS, oneHot(), oneHot(), null).value()).isCloseTo(1.1920929e-7, within(1e-12));
    Matrix big = rows(new double[] {10, 0, 0}, new double[] {0, 10, 0}, new double[] {0, 0, 10});
    assertThat(cce(KERAS_LOGITS, oneHot(), big, null).value())
        .isCloseTo(Math.log1p(2 * Math.exp(-10)), within(1e-9));
  }

  @Test
  void unweighted() {
    LossResult p = cce(KERAS, oneHot(), probs(), null);
    assertThat(p.value()).isCloseTo(mean(PROBS_LOSS), within(1e-6)).isCloseTo(0.3239, within(1.5e-3));
    LossResult z = cce(KERAS_LOGITS, oneHot(), logits(), null);
    assertThat(z.value()).isCloseTo(mean(LOGITS_LOSS), within(1e-7)).isCloseTo(0.0573, within(1.5e-3));
  }

  @Test
  void scalarWeighted() {
    LossResult r = cce(KERAS, oneHot(), probs(), fill(3, 2.3));
    assertThat(r.value()).isCloseTo(2.3 * mean(PROBS_LOSS), within(1e-6)).isCloseTo(0.7449, within(1.5e-3));
  }

  @Test
  void sampleWeighted() {
    double[] w = {1.2, 3.4, 5.6};
    double weighted = w[0] * LOGITS_LOSS[0] + w[1] * LOGITS_LOSS[1] + w[2] * LOGITS_LOSS[2];
    // Keras's default divides by the batch size, never by the weights.
    assertThat(cce(KERAS_LOGITS, oneHot(), logits(), w).value()).isCloseTo(weighted / 3, within(1e-6))
        .isCloseTo(0.31829, within(1.5e-3));
    assertThat(cce(KERAS_LOGITS.withReduction(Reduction.WEIGHTED_MEAN), oneHot(), logits(), w).value())
        .isCloseTo(weighted / 10.2, within(1e-6));
    assertThat(cce(KERAS, oneHot(), probs(), w).value()).isCloseTo(1.0696, within(1.5e-3));
  }

  @Test
  void noReduction() {
    double[] w = {1.2, 3.4, 5.6};
    LossResult r = cce(KERAS_LOGITS.withReduction(Reduction.NONE), oneHot(), logits(), w);
    double[] expected = {w[0] * LOGITS_LOSS[0], w[1] * LOGITS_LOSS[1], w[2] * LOGITS_LOSS[2]};
    assertAllClose(r.perSample(), expected, 1e-6);
    assertThat(r.value()).isCloseTo(expected[0] + expected[1] + expected[2], within(1e-6));
    // The gradient of the sum: w_i·(softmax - y) on each row.
    double p00 = Math.exp(8 - (LOGITS_LOSS[0] + 8));
    assertThat(r.gradient().get(0, 0)).isCloseTo(w[0] * (p00 - 1), within(1e-6));
    assertAllClose(cce(KERAS_LOGITS.withReduction(Reduction.NONE), oneHot(), logits(), null).perSample(),
        new double[] {0.001822, 0.000459, 0.169846}, 1e-6);
  }

  @Test
  void labelSmoothing() {
    LossOptions o = KERAS_LOGITS.withLabelSmoothing(0.1);
    LossResult r = cce(o, rows(new double[] {1, 0, 0}), rows(new double[] {100, -100, -100}), null);
    // y' = [0.9333, 0.0333, 0.0333]: the two wrong classes cost 200 each: 400·0.1/3.
    assertThat(r.value()).isCloseTo(400 * 0.1 / 3, within(1e-4));
    assertThat(r.gradient().data()).containsExactly(new double[] {1 - 0.9 - 0.1 / 3, -0.1 / 3, -0.1 / 3},
        within(1e-6));
  }

  @Test
  void eachReduction() {
    Matrix y = rows(new double[] {0, 1, 0}, new double[] {0, 0, 1});
    Matrix p = rows(new double[] {0.05, 0.95, 0}, new double[] {0.1, 0.8, 0.1});
    double[] l = {-Math.log(0.95), -Math.log(0.1)};
    double[] w = {0.3, 0.7};
    assertThat(cce(KERAS, y, p, null).value()).isCloseTo((l[0] + l[1]) / 2, within(1e-6))
        .isCloseTo(1.177, within(1e-3));
    assertThat(cce(KERAS.withReduction(Reduction.SUM), y, p, null).value()).isCloseTo(2.354, within(1e-3));
    LossResult none = cce(KERAS.withReduction(Reduction.NONE), y, p, null);
    assertAllClose(none.perSample(), l, 1e-6);
    assertThat(cce(KERAS, y, p, w).value()).isCloseTo(0.814, within(1e-3));
    assertThat(cce(KERAS.withReduction(Reduction.WEIGHTED_MEAN), y, p, w).value())
        .isCloseTo((0.3 * l[0] + 0.7 * l[1]) / 1.0, within(1e-6));
    // Gradient scaled by 1/N under the mean, unscaled under the sum.
    double gMean = cce(KERAS, y, p, null).gradient().get(0, 1);
    double gSum = cce(KERAS.withReduction(Reduction.SUM), y, p, null).gradient().get(0, 1);
    assertThat(gSum).isCloseTo(2 * gMean, within(1e-6));
  }

  @Test
  void conventionsDifferOnUnnormalisedRows() {
    // sklearn's ham/spam rows: Keras renormalises each row (1.0383217), PyTorch-style plain log does not (1.2404613).
    Matrix y = rows(new double[] {1, 0}, new double[] {0, 1}, new double[] {0, 1}, new double[] {1, 0});
    Matrix p = rows(new double[] {0.2, 0.7}, new double[] {0.6, 0.5}, new double[] {0.4, 0.1}, new double[] {0.7, 0.2});
    assertThat(cce(KERAS.withPrecision(Precision.FLOAT64), y, p, null).value()).isCloseTo(1.0383217, within(1e-7));
    assertThat(cce(TORCH.withFromLogits(false), y, p, null).value()).isCloseTo(1.2404613, within(1e-7));
  }

  @Test
  void classWeightsFollowTheConvention() {
    double[] w = {0.2, 0.3, 0.5};
    // PyTorch: F.cross_entropy(logits, one_hot, weight=w, label_smoothing=0.1), mean over N (oracle script).
    LossResult t = cce(TORCH.withClassWeights(w).withLabelSmoothing(0.1), oneHot(), logits(), null);
    assertThat(t.value()).isCloseTo(0.16754003914932405, within(1e-12));
    assertAllClose(t.gradient().data(), new double[] {
        0.008759435102489737, -0.003268606440133758, -0.00549082866235598,
        -0.0022097498430399816, 0.0077314019569068035, -0.005521652113866819,
        0.00454606621048842, 0.015064782123073557, -0.01961084833356197}, 1e-10);
    // Keras: class_weight becomes the sample weight of argmax(y), divided by the batch size.
    LossResult k = cce(KERAS_LOGITS.withPrecision(Precision.FLOAT64).withClassWeights(w), oneHot(), logits(), null);
    assertThat(k.value()).isCloseTo((0.2 * LOGITS_LOSS[0] + 0.3 * LOGITS_LOSS[1] + 0.5 * LOGITS_LOSS[2]) / 3,
        within(1e-12));
  }

  @Test
  void extremeLogitsGiveTheExactFiniteLoss() {
    for (LossOptions o : new LossOptions[] {KERAS_LOGITS, TORCH}) {
      LossResult r = cce(o, rows(new double[] {0, 1}), rows(new double[] {1e4, -1e4}), null);
      assertThat(r.value()).isEqualTo(2e4);
      assertThat(r.gradient().data()).containsExactly(1.0, -1.0);
    }
  }

  @Test
  void probabilitiesZeroAndOneAreClipped() {
    Matrix y = rows(new double[] {1, 0});
    Matrix p = rows(new double[] {0, 1});
    LossResult k = cce(KERAS, y, p, null);
    assertThat(k.value()).isCloseTo(-Math.log((float) 1e-7), within(1e-5)); // 16.118, never Inf
    assertThat(k.gradient().data()).containsOnly(0.0); // both components clipped: no gradient
    LossResult t = cce(TORCH.withFromLogits(false), y, p, null);
    assertThat(t.value()).isCloseTo(-Math.log(1e-7), within(1e-12));
    assertThat(t.gradient().data()).containsOnly(0.0);
  }

  @Test
  void guardRails() {
    CategoricalCrossentropy loss = new CategoricalCrossentropy(KERAS);
    assertThatThrownBy(() -> loss.compute(Matrix.zeros(2, 3), Matrix.zeros(2, 4)))
        .isInstanceOf(LossInputException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[2, 4]");
    Matrix twoRows = rows(new double[] {0.2, 0.3, 0.5}, new double[] {0.2, 0.3, 0.5});
    assertThatThrownBy(() -> loss.compute(rows(new double[] {2}, new double[] {0}), twoRows))
        .isInstanceOf(LossInputException.class).hasMessageContaining("integer class ids")
        .hasMessageContaining("--loss sparse-categorical");
    assertThatThrownBy(() -> loss.compute(rows(new double[] {1}), rows(new double[] {0.7})))
        .isInstanceOf(LossInputException.class).hasMessageContaining("--loss binary");
    assertThatThrownBy(() -> loss.compute(oneHot(), logits()))
        .isInstanceOf(LossInputException.class).hasMessageContaining("--from-logits")
        .hasMessageContaining("row 0, column 0");
    Matrix nan = probs();
    nan.set(1, 2, Double.NaN);
    assertThatThrownBy(() -> loss.compute(oneHot(), nan))
        .isInstanceOf(LossInputException.class).hasMessageContaining("y_pred row 1, column 2 is NaN");
    assertThatThrownBy(() -> loss.compute(Matrix.zeros(0, 3), Matrix.zeros(0, 3)))
        .isInstanceOf(LossInputException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> loss.compute(oneHot(), probs(), new double[] {1, 2}, false))
        .isInstanceOf(LossInputException.class).hasMessageContaining("2 entries but there are 3 rows");
    assertThatThrownBy(() -> loss.compute(oneHot(), probs(), new double[] {1, -2, 1}, false))
        .isInstanceOf(LossInputException.class).hasMessageContaining("row 1").hasMessageContaining(">= 0");
    assertThatThrownBy(() -> new CategoricalCrossentropy(KERAS.withClassWeights(1, 2)).compute(oneHot(), probs()))
        .isInstanceOf(LossInputException.class).hasMessageContaining("one weight per class");
    Matrix infTrue = oneHot();
    infTrue.set(2, 0, Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> loss.compute(infTrue, probs()))
        .isInstanceOf(LossInputException.class).hasMessageContaining("y_true row 2, column 0 is Infinity");
  }

  @Test
  void warnsWhenLogitsLookLikeProbabilities() {
    Matrix softmaxed = rows(new double[] {0.9, 0.05, 0.05}, new double[] {0.05, 0.89, 0.06});
    Matrix y = rows(new double[] {1, 0, 0}, new double[] {0, 1, 0});
    assertThat(cce(KERAS_LOGITS, y, softmaxed, null).warnings()).singleElement().asString()
        .contains("softmax may have been applied twice")
        // The fix must work in both conventions: under torch the user never typed --from-logits.
        .contains("--from-probabilities");
    assertThat(cce(KERAS_LOGITS, oneHot(), logits(), null).warnings()).isEmpty();
    assertThat(cce(KERAS, y, softmaxed, null).warnings()).isEmpty();
  }

  @Test
  void gradientMatchesFiniteDifferencesFromLogits() {
    // Soft targets that do not sum to 1, PyTorch class weights, smoothing, sample weights, weighted mean.
    LossOptions o = TORCH.withClassWeights(0.5, 1.5, 2).withLabelSmoothing(0.2);
    Matrix y = rows(new double[] {0.3, 0.0, 0.95}, new double[] {0.8, 0.9, 0.2});
    Matrix z = rows(new double[] {0.2, -1.3, 2.1}, new double[] {1.7, 0.4, -0.6});
    assertGradientMatchesFiniteDifferences(x -> cce(o, y, x, new double[] {0.7, 1.9}), z, 1e-6, 1e-7);
  }

  @Test
  void gradientMatchesFiniteDifferencesFromProbabilities() {
    // Keras's unnormalised rows (keras-ops-cce-probs-unnormalised), renormalised (G10) and plain (G9).
    Matrix y = rows(new double[] {0.33008796, 0.0391289, 0.9503603}, new double[] {0.80376694, 0.92363342, 0.19147756});
    Matrix p = rows(new double[] {0.23446431, 0.35822914, 0.06683268}, new double[] {0.3413979, 0.05420256, 0.81619654});
    LossOptions keras = KERAS.withPrecision(Precision.FLOAT64);
    assertAllClose(cce(keras.withReduction(Reduction.NONE), y, p, null).perSample(),
        new double[] {2.54095299, 3.96374412}, 1e-7);
    assertGradientMatchesFiniteDifferences(x -> cce(keras, y, x, new double[] {1.5, 0.5}), p, 1e-7, 1e-6);
    assertGradientMatchesFiniteDifferences(x -> cce(TORCH.withFromLogits(false), y, x, null), p, 1e-7, 1e-6);
    // G10 closed form: ∂l/∂p_j = -y_j/p_j + S/s, over a batch of 2 under the mean.
    LossResult r = cce(keras, y, p, null);
    double s0 = 0.23446431 + 0.35822914 + 0.06683268;
    double sumY0 = 0.33008796 + 0.0391289 + 0.9503603;
    assertThat(r.gradient().get(0, 2)).isCloseTo((-0.9503603 / 0.06683268 + sumY0 / s0) / 2, within(1e-9));
  }
}
