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

/** Keras's SparseCategoricalCrossentropyTest checklist, plus PyTorch's class weights, smoothing and ignore index. */
class SparseCategoricalCrossentropyTest {
  static final LossOptions KERAS = LossOptions.keras();
  static final LossOptions KERAS_LOGITS = KERAS.withFromLogits(true);
  static final LossOptions TORCH = LossOptions.torch();
  static final int[] LABELS = {0, 1, 2};
  static final double[] W = {0.2, 0.3, 0.5};

  static LossResult scce(LossOptions o, int[] t, Matrix p, double[] w) {
    return new SparseCategoricalCrossentropy(o).compute(t, p, w, true);
  }

  @Test
  void allCorrect() {
    assertThat(scce(KERAS, LABELS, CategoricalCrossentropyTest.oneHot(), null).value())
        .isCloseTo(1.1920929e-7, within(1e-12));
  }

  @Test
  void agreesWithCategoricalOnOneHotTargets() {
    for (LossOptions o : new LossOptions[] {KERAS, KERAS_LOGITS, TORCH, TORCH.withFromLogits(false)}) {
      Matrix p = o.fromLogits() ? CategoricalCrossentropyTest.logits() : CategoricalCrossentropyTest.probs();
      double[] w = {1.2, 3.4, 5.6};
      LossResult s = scce(o.withLabelSmoothing(0.1), LABELS, p, w);
      LossResult d = new CategoricalCrossentropy(o.withLabelSmoothing(0.1))
          .compute(CategoricalCrossentropyTest.oneHot(), p, w, true);
      assertAllClose(s.perSample(), d.perSample(), 1e-7);
      assertAllClose(s.gradient().data(), d.gradient().data(), 1e-7);
    }
  }

  @Test
  void unweightedScalarWeightedAndSampleWeighted() {
    Matrix p = CategoricalCrossentropyTest.probs();
    double[] l = CategoricalCrossentropyTest.PROBS_LOSS;
    assertThat(scce(KERAS, LABELS, p, null).value()).isCloseTo((l[0] + l[1] + l[2]) / 3, within(1e-6));
    assertThat(scce(KERAS, LABELS, p, fill(3, 2.3)).value()).isCloseTo(0.7449, within(1.5e-3));
    assertThat(scce(KERAS, LABELS, p, new double[] {1.2, 3.4, 5.6}).value()).isCloseTo(1.0696, within(1.5e-3));
  }

  @Test
  void noReduction() {
    LossResult r = scce(KERAS_LOGITS.withReduction(Reduction.NONE), LABELS, CategoricalCrossentropyTest.logits(), null);
    assertAllClose(r.perSample(), new double[] {0.001822, 0.000459, 0.169846}, 1e-6);
    assertThat(r.value()).isCloseTo(0.001822 + 0.000459 + 0.169846, within(1e-5));
  }

  @Test
  void kerasDocstring() {
    Matrix p = rows(new double[] {0.05, 0.95, 0}, new double[] {0.1, 0.8, 0.1});
    assertThat(scce(KERAS, new int[] {1, 2}, p, null).value()).isCloseTo(1.177, within(1e-3));
  }

  @Test
  void torchClassWeightsWithLabelSmoothing() {
    // F.cross_entropy(logits, [0,1,2], weight=w, label_smoothing=0.1) (oracle script): mean divides by Σ w_t.
    LossOptions o = TORCH.withClassWeights(W).withLabelSmoothing(0.1);
    LossResult r = scce(o, LABELS, CategoricalCrossentropyTest.logits(), null);
    assertThat(r.value()).isCloseTo(0.5026201174479722, within(1e-12));
    assertAllClose(r.gradient().data(), new double[] {
        0.02627830530746925, -0.009805819320401274, -0.01647248598706794,
        -0.006629249529119945, 0.02319420587072041, -0.01656495634160046,
        0.013638198631465256, 0.045194346369220664, -0.05883254500068593}, 1e-10);
    assertAllClose(scce(o.withReduction(Reduction.NONE), LABELS, CategoricalCrossentropyTest.logits(), null)
        .perSample(), new double[] {0.18705538195049068, 0.19347249271194342, 0.12209224278553807}, 1e-12);
    // PyTorch's inconsistency, kept: the same per-sample values from one-hot targets are averaged over N instead.
    LossResult dense = new CategoricalCrossentropy(o).compute(CategoricalCrossentropyTest.oneHot(),
        CategoricalCrossentropyTest.logits(), null, false);
    assertThat(dense.value() * 3).isCloseTo(r.value() * (0.2 + 0.3 + 0.5), within(1e-12));
  }

  @Test
  void ignoreClass() {
    // F.cross_entropy(logits, [0,-100,2], weight=w) (oracle script).
    LossResult r = scce(TORCH.withClassWeights(W), new int[] {0, -100, 2}, CategoricalCrossentropyTest.logits(), null);
    assertThat(r.value()).isCloseTo(0.12183918622389696, within(1e-12));
    assertAllClose(r.gradient().data(), new double[] {
        -0.0005201268203536915, 0.0002600634101768658, 0.0002600634101768658, 0, 0, 0,
        0.030007190095761464, 0.08156799956042463, -0.1115751896561861}, 1e-10);
    assertThat(r.perSample()[1]).isZero();
    // Keras ignore_class: the mean is over the non-ignored samples.
    LossResult k = scce(KERAS_LOGITS.withIgnoreClass(-1), new int[] {-1, 2},
        rows(new double[] {0.854, 0.698, 0.598}, new double[] {0.088, 0.86, 0.018}), null);
    assertThat(k.value()).isCloseTo(1.480129, within(1e-6));
    assertThat(k.perSample()).containsExactly(new double[] {0, 1.480129}, within(1e-6));
  }

  @Test
  void everythingIgnoredIsNanForTorchAndZeroForKeras() {
    Matrix z = rows(new double[] {1, 2, 3});
    LossResult t = scce(TORCH.withIgnoreClass(-1), new int[] {-1}, z, null);
    assertThat(t.value()).isNaN();
    assertThat(t.gradient().data()).containsOnly(0.0);
    // NaN (or a 0 that means nothing) is never passed on silently.
    assertThat(t.warnings()).singleElement().asString().contains("nothing to average").contains("NaN");
    LossResult k = scce(KERAS_LOGITS.withIgnoreClass(-1), new int[] {-1}, z, null);
    assertThat(k.value()).isZero();
    assertThat(k.warnings()).singleElement().asString().contains("nothing to average").contains("0 (Keras");
    assertThat(k.gradient().data()).containsOnly(0.0);
    // Sum and none are defined in both: 0.
    assertThat(scce(TORCH.withIgnoreClass(-1).withReduction(Reduction.SUM), new int[] {-1}, z, null).value()).isZero();
    assertThat(scce(TORCH.withIgnoreClass(-1).withReduction(Reduction.SUM), new int[] {-1}, z, null).warnings())
        .isEmpty();
    // All sample weights 0 under the weighted mean: the same rule.
    assertThat(scce(TORCH, new int[] {2}, z, new double[] {0}).value()).isNaN();
    assertThat(scce(KERAS_LOGITS.withReduction(Reduction.WEIGHTED_MEAN), new int[] {2}, z, new double[] {0}).value())
        .isZero();
  }

  @Test
  void kerasClassWeightsAreSampleWeights() {
    Matrix z = CategoricalCrossentropyTest.logits();
    double[] asSample = {W[0], W[1], W[2]};
    LossOptions o = KERAS_LOGITS.withPrecision(Precision.FLOAT64);
    for (Reduction red : Reduction.values()) {
      LossResult a = scce(o.withClassWeights(W).withReduction(red), LABELS, z, null);
      LossResult b = scce(o.withReduction(red), LABELS, z, asSample);
      assertThat(a.value()).as(red.name()).isCloseTo(b.value(), within(1e-15));
      assertAllClose(a.gradient().data(), b.gradient().data(), 1e-15);
    }
  }

  @Test
  void conventionsDifferOnUnnormalisedRows() {
    int[] t = {0, 1, 1, 0};
    Matrix p = rows(new double[] {0.2, 0.7}, new double[] {0.6, 0.5}, new double[] {0.4, 0.1}, new double[] {0.7, 0.2});
    assertThat(scce(KERAS.withPrecision(Precision.FLOAT64), t, p, null).value()).isCloseTo(1.0383217, within(1e-7));
    assertThat(scce(TORCH.withFromLogits(false), t, p, null).value()).isCloseTo(1.2404613, within(1e-7));
  }

  @Test
  void extremeValues() {
    LossResult r = scce(TORCH, new int[] {1}, rows(new double[] {1e4, -1e4}), null);
    assertThat(r.value()).isEqualTo(2e4);
    LossResult p = scce(KERAS, new int[] {0}, rows(new double[] {0, 1}), null);
    assertThat(p.value()).isCloseTo(-Math.log((float) 1e-7), within(1e-5));
  }

  @Test
  void guardRails() {
    SparseCategoricalCrossentropy loss = new SparseCategoricalCrossentropy(TORCH);
    Matrix z = CategoricalCrossentropyTest.logits();
    assertThatThrownBy(() -> loss.compute(new int[] {0, 1}, z))
        .isInstanceOf(LossInputException.class).hasMessageContaining("2 class ids").hasMessageContaining("3 rows");
    assertThatThrownBy(() -> loss.compute(new int[] {0, 3, 1}, z))
        .isInstanceOf(LossInputException.class).hasMessageContaining("row 1: class id 3")
        .hasMessageContaining("[0, 3)");
    assertThatThrownBy(() -> loss.compute(new int[] {0, -1, 1}, z))
        .isInstanceOf(LossInputException.class).hasMessageContaining("class id -1");
    assertThatThrownBy(() -> new SparseCategoricalCrossentropy(KERAS).compute(new int[] {0, 1, 2}, z))
        .isInstanceOf(LossInputException.class).hasMessageContaining("--from-logits");
    assertThatThrownBy(() -> new SparseCategoricalCrossentropy(KERAS).compute(new int[] {0}, rows(new double[] {1})))
        .isInstanceOf(LossInputException.class).hasMessageContaining("--loss binary");
    assertThatThrownBy(() -> new SparseCategoricalCrossentropy(TORCH.withClassWeights(1, 2)).compute(LABELS, z))
        .isInstanceOf(LossInputException.class).hasMessageContaining("one weight per class");
    // A single logit column is legal (TF's testSingleClass: loss 0) but warned about.
    LossResult single = loss.compute(new int[] {0, 0}, rows(new double[] {1}, new double[] {-1}), null, true);
    assertThat(single.value()).isZero();
    assertThat(single.warnings()).singleElement().asString().contains("--loss binary");
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Matrix z = rows(new double[] {0.2, -1.3, 2.1, 0.5}, new double[] {1.7, 0.4, -0.6, 0.0},
        new double[] {-0.3, 0.8, 0.1, 1.1});
    int[] t = {3, -100, 1};
    double[] w = {0.5, 2.0, 1.0};
    LossOptions torch = TORCH.withClassWeights(0.5, 1.5, 2, 0.7).withLabelSmoothing(0.15);
    assertGradientMatchesFiniteDifferences(x -> scce(torch, t, x, w), z, 1e-6, 1e-7);
    int[] valid = {3, 0, 1};
    LossOptions kerasProbs = KERAS.withPrecision(Precision.FLOAT64).withLabelSmoothing(0.1)
        .withReduction(Reduction.WEIGHTED_MEAN);
    Matrix p = rows(new double[] {0.2, 0.1, 0.3, 0.3}, new double[] {0.5, 0.4, 0.6, 0.1},
        new double[] {0.05, 0.8, 0.1, 0.2});
    assertGradientMatchesFiniteDifferences(x -> scce(kerasProbs, valid, x, w), p, 1e-7, 1e-6);
  }
}
