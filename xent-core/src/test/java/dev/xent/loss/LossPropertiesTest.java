package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.data.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties every loss of the family must have, over many seeded random problems: non-negativity, shift
 * invariance of logits, sparse = one-hot, label smoothing = plain cross-entropy against smoothed targets, focal with
 * gamma 0 = cross-entropy, and central finite differences against the analytic gradient for every option.
 */
class LossPropertiesTest {
  private static final long SEED = 0x5EED_2026L;
  private static final LossKind[] KINDS = LossKind.values();
  // FLOAT64 identities: both sides evaluate in double; the slack is rounding through up to a few dozen terms.
  private static final double REL64 = 1e-9;
  private static final double ABS64 = 1e-12;

  /** A loss evaluation problem: dense targets or labels, predictions, optional sample weights. */
  private record Problem(LossKind kind, LossOptions opts, Matrix yTrue, int[] labels, Matrix yPred, double[] sw) {
    Problem withPred(Matrix p) {
      return new Problem(kind, opts, yTrue, labels, p, sw);
    }

    Problem withOptions(LossOptions o) {
      return new Problem(kind, o, yTrue, labels, yPred, sw);
    }

    LossResult eval(boolean withGradient) {
      Loss loss = Loss.create(kind, opts);
      if (kind.sparseTargets()) {
        return ((SparseCategoricalCrossentropy) loss).compute(labels, yPred, sw, withGradient);
      }
      return ((DenseTargetLoss) loss).compute(yTrue, yPred, sw, withGradient);
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Random problems.
  // ------------------------------------------------------------------------------------------------------------

  private static double pick(SplittableRandom r, double... v) {
    return v[r.nextInt(v.length)];
  }

  private static boolean binary(LossKind k) {
    return k == LossKind.BINARY || k == LossKind.BINARY_FOCAL;
  }

  private static boolean focal(LossKind k) {
    return k == LossKind.CATEGORICAL_FOCAL || k == LossKind.BINARY_FOCAL;
  }

  /** Random options with non-negative weights; precision as given. */
  private static LossOptions randomOptions(SplittableRandom r, LossKind kind, int c, Precision precision) {
    Convention conv = r.nextBoolean() ? Convention.KERAS : Convention.TORCH;
    LossOptions o = LossOptions.of(conv).withPrecision(precision).withFromLogits(r.nextBoolean())
        .withReduction(Reduction.values()[r.nextInt(Reduction.values().length)]);
    if (r.nextInt(3) == 0) {
      o = o.withLabelSmoothing(pick(r, 0.05, 0.1, 0.3, 1.0));
    }
    if (r.nextInt(3) == 0 && !(c == 1 && !binary(kind))) {
      int m = binary(kind) && c == 1 && r.nextBoolean() ? 2 : c;
      double[] w = new double[m];
      for (int i = 0; i < m; i++) {
        w[i] = 0.1 + 2.9 * r.nextDouble();
      }
      o = o.withClassWeights(w);
    }
    if (focal(kind)) {
      o = o.withAlpha(pick(r, 0.25, 0.5, 1.0)).withGamma(pick(r, 0.0, 0.5, 1.0, 2.0, 3.0));
      if (kind == LossKind.BINARY_FOCAL) {
        o = o.withClassBalancing(r.nextBoolean());
      }
    }
    if (kind == LossKind.SPARSE_CATEGORICAL && r.nextInt(3) == 0) {
      o = o.withIgnoreClass(r.nextBoolean() ? -1 : r.nextInt(c));
    }
    return o;
  }

  /**
   * Random inputs for the options. Smooth inputs stay away from the clip bounds and kinks: logits in [-4, 4],
   * probabilities at least 0.02 (normalised rows of at most 6 classes keep every q_c in [0.003, 0.9]).
   */
  private static Problem randomProblem(SplittableRandom r, LossKind kind, LossOptions o, int n, int c,
      boolean extreme) {
    Matrix yPred = o.fromLogits() ? logits(r, n, c, extreme) : probabilities(r, n, c, binary(kind), extreme);
    double[] sw = null;
    if (r.nextBoolean()) {
      sw = new double[n];
      for (int i = 0; i < n; i++) {
        sw[i] = 0.1 + 1.9 * r.nextDouble();
      }
    }
    if (kind == LossKind.SPARSE_CATEGORICAL) {
      int[] labels = new int[n];
      Integer ign = o.ignoreClass();
      for (int i = 0; i < n; i++) {
        labels[i] = ign != null && ign < 0 && r.nextInt(4) == 0 ? ign : r.nextInt(c);
      }
      if (ign != null && labels[0] == ign) {
        labels[0] = Math.floorMod(ign + 1, c); // at least one sample counts, so no mean divides by zero
      }
      return new Problem(kind, o, null, labels, yPred, sw);
    }
    Matrix yTrue = Matrix.zeros(n, c);
    boolean hardBinary = binary(kind) && o.hasClassWeights() && o.classWeights().length == 2 && c == 1;
    for (int i = 0; i < n; i++) {
      if (binary(kind)) {
        for (int j = 0; j < c; j++) {
          yTrue.set(i, j, hardBinary || r.nextBoolean() ? r.nextInt(2) : pick(r, 0.1, 0.3, 0.8));
        }
      } else if (o.hasClassWeights() || r.nextBoolean()) {
        yTrue.set(i, r.nextInt(c), 1.0);
      } else {
        double sum = 0;
        double[] row = new double[c];
        for (int j = 0; j < c; j++) {
          row[j] = 0.05 + r.nextDouble();
          sum += row[j];
        }
        for (int j = 0; j < c; j++) {
          yTrue.set(i, j, row[j] / sum);
        }
      }
    }
    return new Problem(kind, o, yTrue, null, yPred, sw);
  }

  private static Matrix logits(SplittableRandom r, int n, int c, boolean extreme) {
    Matrix m = Matrix.zeros(n, c);
    for (int k = 0; k < n * c; k++) {
      m.data()[k] = extreme && r.nextInt(4) == 0 ? pick(r, -1e4, 1e4, -80, 80) : -4 + 8 * r.nextDouble();
    }
    return m;
  }

  private static Matrix probabilities(SplittableRandom r, int n, int c, boolean independent, boolean extreme) {
    Matrix m = Matrix.zeros(n, c);
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < c; j++) {
        double v = extreme && r.nextInt(4) == 0 ? pick(r, 0.0, 1.0, 1e-12) : 0.02 + 0.96 * r.nextDouble();
        m.set(i, j, v);
        sum += v;
      }
      if (!independent && !extreme) {
        for (int j = 0; j < c; j++) {
          m.set(i, j, m.get(i, j) / sum);
        }
      } else if (!independent && sum == 0) {
        m.set(i, 0, 1.0);
      }
    }
    return m;
  }

  private static int classes(SplittableRandom r, LossKind kind) {
    return binary(kind) ? 1 + r.nextInt(4) : 2 + r.nextInt(5);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Properties.
  // ------------------------------------------------------------------------------------------------------------

  @Test
  void lossIsNonNegativeForEveryKindAndOption() {
    SplittableRandom r = new SplittableRandom(SEED);
    for (LossKind kind : KINDS) {
      for (int trial = 0; trial < 300; trial++) {
        int n = 1 + r.nextInt(6);
        int c = classes(r, kind);
        Precision p = r.nextBoolean() ? Precision.FLOAT32 : Precision.FLOAT64;
        Problem pr = randomProblem(r, kind, randomOptions(r, kind, c, p), n, c, trial % 3 == 0);
        LossResult res = pr.eval(true);
        assertThat(res.value()).as("%s %s", kind, pr.opts()).isGreaterThanOrEqualTo(0.0);
        for (double v : res.perSample()) {
          assertThat(v).as("%s %s per-sample", kind, pr.opts()).isGreaterThanOrEqualTo(0.0);
        }
        boolean singular = focal(kind) && pr.opts().gamma() > 0 && pr.opts().gamma() < 1; // (1-p_t)^γ at p_t = 1
        for (double g : res.gradient().data()) {
          assertThat(singular || !Double.isNaN(g)).as("%s %s gradient NaN", kind, pr.opts()).isTrue();
        }
      }
    }
  }

  @Test
  void addingAConstantToALogitRowChangesNothing() {
    SplittableRandom r = new SplittableRandom(SEED + 1);
    LossKind[] kinds = {LossKind.CATEGORICAL, LossKind.SPARSE_CATEGORICAL, LossKind.CATEGORICAL_FOCAL};
    for (LossKind kind : kinds) {
      for (int trial = 0; trial < 200; trial++) {
        int n = 1 + r.nextInt(6);
        int c = classes(r, kind);
        LossOptions o = randomOptions(r, kind, c, Precision.FLOAT64).withFromLogits(true);
        Problem pr = randomProblem(r, kind, o, n, c, false);
        Matrix shifted = copy(pr.yPred());
        for (int i = 0; i < n; i++) {
          double k = pick(r, -30.0, -1.5, 0.25, 7.0, 50.0);
          for (int j = 0; j < c; j++) {
            shifted.set(i, j, shifted.get(i, j) + k);
          }
        }
        // The shift itself rounds each logit by up to 50 * 2^-53; values move by about that much.
        assertSame(pr.eval(true), pr.withPred(shifted).eval(true), 1e-9, 1e-12, kind + " " + o);
      }
    }
  }

  @Test
  void sparseLabelsAgreeWithOneHotTargets() {
    SplittableRandom r = new SplittableRandom(SEED + 2);
    for (int trial = 0; trial < 400; trial++) {
      int n = 1 + r.nextInt(6);
      int c = 2 + r.nextInt(5);
      Precision p = trial % 2 == 0 ? Precision.FLOAT64 : Precision.FLOAT32;
      LossOptions o = randomOptions(r, LossKind.SPARSE_CATEGORICAL, c, p);
      if (o.ignoreClass() != null && o.ignoreClass() >= 0) {
        o = o.withIgnoreClass(o.convention().defaultIgnoreClass()); // a real class cannot be ignored one-hot
      }
      Problem sparse = randomProblem(r, LossKind.SPARSE_CATEGORICAL, o, n, c, false);
      int[] labels = sparse.labels().clone();
      for (int i = 0; i < n; i++) {
        if (labels[i] < 0) {
          labels[i] = r.nextInt(c);
        }
      }
      sparse = new Problem(LossKind.SPARSE_CATEGORICAL, o, null, labels, sparse.yPred(), sparse.sw());
      Matrix onehot = Matrix.zeros(n, c);
      for (int i = 0; i < n; i++) {
        onehot.set(i, labels[i], 1.0);
      }
      Problem dense = new Problem(LossKind.CATEGORICAL, o, onehot, null, sparse.yPred(), sparse.sw());
      LossResult a = sparse.eval(true);
      LossResult b = dense.eval(true);
      double rel = p == Precision.FLOAT64 ? REL64 : 1e-6;
      double abs = p == Precision.FLOAT64 ? ABS64 : 1e-7;
      String what = "sparse vs one-hot " + o;
      assertClose(a.perSample(), b.perSample(), rel, abs, what + " perSample");
      if (o.convention() == Convention.TORCH && o.hasClassWeights() && o.reduction() == Reduction.WEIGHTED_MEAN) {
        // PyTorch divides class-index losses by Σ s_i w_{t_i} but probability-target losses by Σ s_i.
        double sw = 0;
        double swt = 0;
        for (int i = 0; i < n; i++) {
          double s = sparse.sw() == null ? 1 : sparse.sw()[i];
          sw += s;
          swt += s * o.classWeight(labels[i]);
        }
        double ratio = sw / swt;
        assertClose(a.value(), b.value() * ratio, rel, abs, what + " value, rescaled divisor");
        Matrix scaled = copy(b.gradient());
        for (int k = 0; k < scaled.data().length; k++) {
          scaled.data()[k] *= ratio;
        }
        assertClose(a.gradient().data(), scaled.data(), rel, abs, what + " gradient, rescaled divisor");
      } else {
        assertClose(a.value(), b.value(), rel, abs, what + " value");
        assertClose(a.gradient().data(), b.gradient().data(), rel, abs, what + " gradient");
      }
    }
  }

  @Test
  void labelSmoothingIsCrossEntropyAgainstSmoothedTargets() {
    SplittableRandom r = new SplittableRandom(SEED + 3);
    LossKind[] kinds = {LossKind.CATEGORICAL, LossKind.CATEGORICAL_FOCAL, LossKind.BINARY, LossKind.BINARY_FOCAL};
    for (LossKind kind : kinds) {
      for (int trial = 0; trial < 150; trial++) {
        int n = 1 + r.nextInt(6);
        int c = classes(r, kind);
        LossOptions o = randomOptions(r, kind, c, Precision.FLOAT64);
        if (binary(kind) && o.hasClassWeights() && o.classWeights().length == 2 && c == 1) {
          o = o.withClassWeights((double[]) null); // the class of a smoothed 0/1 target is still round(y), tested below
        }
        // Keras class weights follow argmax(y) of the unsmoothed target; at ε = 1 every smoothed row is a tie.
        double eps = o.hasClassWeights() && o.convention() == Convention.KERAS ? pick(r, 0.0, 0.1, 0.25)
            : pick(r, 0.0, 0.1, 0.25, 1.0);
        Problem pr = randomProblem(r, kind, o.withLabelSmoothing(eps), n, c, false);
        Matrix smoothed = copy(pr.yTrue());
        double offset = binary(kind) ? 0.5 * eps : eps / c;
        for (int k = 0; k < smoothed.data().length; k++) {
          smoothed.data()[k] = smoothed.data()[k] * (1 - eps) + offset;
        }
        Problem plain = new Problem(kind, o.withLabelSmoothing(0.0), smoothed, null, pr.yPred(), pr.sw());
        assertSame(pr.eval(true), plain.eval(true), REL64, ABS64, kind + " smoothing " + eps + " " + o);
      }
    }
  }

  @Test
  void smoothingZeroIsPlainCrossEntropy() {
    SplittableRandom r = new SplittableRandom(SEED + 4);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + r.nextInt(6);
      int c = 2 + r.nextInt(5);
      Convention conv = r.nextBoolean() ? Convention.KERAS : Convention.TORCH;
      LossOptions o = LossOptions.of(conv).withPrecision(Precision.FLOAT64).withFromLogits(true)
          .withLabelSmoothing(0.0).withReduction(Reduction.SUM);
      boolean sparse = r.nextBoolean();
      Problem pr = randomProblem(r, sparse ? LossKind.SPARSE_CATEGORICAL : LossKind.CATEGORICAL, o, n, c, false);
      LossResult res = pr.eval(true);
      double total = 0;
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
          max = Math.max(max, pr.yPred().get(i, j));
        }
        double z = 0;
        for (int j = 0; j < c; j++) {
          z += Math.exp(pr.yPred().get(i, j) - max);
        }
        double lse = max + Math.log(z);
        double li = 0;
        for (int j = 0; j < c; j++) {
          double y = sparse ? (pr.labels()[i] == j ? 1 : 0) : pr.yTrue().get(i, j);
          li -= y * (pr.yPred().get(i, j) - lse); // -Σ y log softmax(z)
        }
        double s = pr.sw() == null ? 1 : pr.sw()[i];
        assertClose(res.perSample()[i], s * li, REL64, ABS64, "plain CE per-sample " + o);
        total += s * li;
      }
      assertClose(res.value(), total, REL64, ABS64, "plain CE sum " + o);
    }
  }

  @Test
  void focalWithGammaZeroAndAlphaOneIsCrossEntropy() {
    SplittableRandom r = new SplittableRandom(SEED + 5);
    for (int trial = 0; trial < 300; trial++) {
      boolean categorical = trial % 2 == 0;
      LossKind focalKind = categorical ? LossKind.CATEGORICAL_FOCAL : LossKind.BINARY_FOCAL;
      LossKind ceKind = categorical ? LossKind.CATEGORICAL : LossKind.BINARY;
      int n = 1 + r.nextInt(6);
      int c = classes(r, focalKind);
      LossOptions o = randomOptions(r, focalKind, c, Precision.FLOAT64).withGamma(0.0).withAlpha(1.0)
          .withClassBalancing(false);
      if (categorical) {
        o = o.withFromLogits(false); // from logits the focal loss takes a clipped softmax, CE the exact log-softmax
      }
      Problem focalProblem = randomProblem(r, focalKind, o, n, c, false);
      Problem ce = new Problem(ceKind, o, focalProblem.yTrue(), null, focalProblem.yPred(), focalProblem.sw());
      // Binary from logits: sigmoid-then-log (focal) against the stable logit formula: equal to ~1e-15 relative.
      assertSame(focalProblem.eval(true), ce.eval(true), REL64, ABS64, "focal(gamma 0, alpha 1) vs CE " + o);
    }
  }

  @Test
  void gradientMatchesCentralFiniteDifferencesForEveryOption() {
    SplittableRandom r = new SplittableRandom(SEED + 6);
    // Every kind x convention x input kind x reduction, each with one option forced on (variant) on top of random
    // others: 0 none, 1 label smoothing, 2 class weights, 3 sample weights, 4 the kind's own options (ignore
    // class; focal alpha/gamma/balancing; binary [w0, w1] on one label), 5 everything random.
    for (LossKind kind : KINDS) {
      for (Convention conv : Convention.values()) {
        for (boolean logits : new boolean[] {true, false}) {
          for (Reduction red : Reduction.values()) {
            for (int variant = 0; variant < 6; variant++) {
              for (int trial = 0; trial < 2; trial++) {
                checkGradient(variantProblem(r, kind, conv, logits, red, variant));
              }
            }
          }
        }
      }
    }
  }

  private static Problem variantProblem(SplittableRandom r, LossKind kind, Convention conv, boolean logits,
      Reduction red, int variant) {
    int n = 1 + r.nextInt(5);
    int c = variant == 4 && binary(kind) && r.nextBoolean() ? 1 : classes(r, kind);
    LossOptions o = LossOptions.of(conv).withPrecision(Precision.FLOAT64).withFromLogits(logits).withReduction(red);
    if (variant == 5) {
      o = randomOptions(r, kind, c, Precision.FLOAT64).withFromLogits(logits).withReduction(red);
      o = conv == o.convention() ? o : new LossOptions(conv, o.fromLogits(), o.labelSmoothing(), o.classWeights(),
          o.ignoreClass(), red, o.alpha(), o.gamma(), o.applyClassBalancing(), o.epsilon(), o.precision());
    }
    if (variant == 1) {
      o = o.withLabelSmoothing(pick(r, 0.05, 0.2, 0.5, 1.0));
    }
    if (variant == 2 || (variant == 4 && binary(kind) && c == 1)) {
      int m = variant == 4 ? 2 : c;
      double[] w = new double[m];
      for (int i = 0; i < m; i++) {
        w[i] = 0.1 + 2.9 * r.nextDouble();
      }
      o = o.withClassWeights(w);
    }
    if (variant == 4 && focal(kind)) {
      o = o.withAlpha(pick(r, 0.1, 0.25, 0.75, 1.0)).withGamma(pick(r, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0))
          .withClassBalancing(kind == LossKind.BINARY_FOCAL && r.nextBoolean());
    }
    if (variant == 4 && kind == LossKind.SPARSE_CATEGORICAL) {
      o = o.withIgnoreClass(r.nextBoolean() ? -1 : r.nextInt(c));
    }
    Problem pr = randomProblem(r, kind, o, n, c, false);
    if (variant == 3) {
      double[] sw = new double[n];
      for (int i = 0; i < n; i++) {
        sw[i] = 0.1 + 1.9 * r.nextDouble();
      }
      pr = new Problem(pr.kind(), o, pr.yTrue(), pr.labels(), pr.yPred(), sw);
    } else if (variant < 3) {
      pr = new Problem(pr.kind(), o, pr.yTrue(), pr.labels(), pr.yPred(), null);
    }
    return pr;
  }

  @Test
  void reductionsAreConsistentWithPerSampleValuesAndWeightScaling() {
    SplittableRandom r = new SplittableRandom(SEED + 8);
    for (LossKind kind : KINDS) {
      for (int trial = 0; trial < 60; trial++) {
        int n = 1 + r.nextInt(6);
        int c = classes(r, kind);
        LossOptions o = randomOptions(r, kind, c, Precision.FLOAT64);
        Problem pr = randomProblem(r, kind, o, n, c, trial % 3 == 0);
        double[] ps = pr.withOptions(o.withReduction(Reduction.NONE)).eval(true).perSample();
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < n; i++) {
          sum += ps[i];
          boolean ignored = kind.sparseTargets() && o.ignoreClass() != null && pr.labels()[i] == o.ignoreClass();
          counted += ignored ? 0 : 1;
        }
        String what = kind + " " + o;
        assertClose(pr.withOptions(o.withReduction(Reduction.NONE)).eval(false).value(), sum, REL64, ABS64,
            what + " none = Σ perSample");
        assertClose(pr.withOptions(o.withReduction(Reduction.SUM)).eval(false).value(), sum, REL64, ABS64,
            what + " sum = Σ perSample");
        assertClose(pr.withOptions(o.withReduction(Reduction.SUM_OVER_BATCH_SIZE)).eval(false).value(),
            sum / counted, REL64, ABS64, what + " sum_over_batch_size = Σ perSample / #counted");
        // Scaling every sample weight by k scales sums by k and leaves the weighted mean unchanged.
        double k = pick(r, 0.5, 3.0, 8.0);
        double[] sw = new double[n];
        for (int i = 0; i < n; i++) {
          sw[i] = k * (pr.sw() == null ? 1.0 : pr.sw()[i]);
        }
        Problem scaled = new Problem(kind, o, pr.yTrue(), pr.labels(), pr.yPred(), sw);
        LossResult mean = pr.withOptions(o.withReduction(Reduction.WEIGHTED_MEAN)).eval(true);
        LossResult scaledMean = scaled.withOptions(o.withReduction(Reduction.WEIGHTED_MEAN)).eval(true);
        assertClose(scaledMean.value(), mean.value(), REL64, ABS64, what + " weighted mean, weights x" + k);
        assertClose(scaledMean.gradient().data(), mean.gradient().data(), REL64, ABS64,
            what + " weighted-mean gradient, weights x" + k);
        assertClose(scaled.withOptions(o.withReduction(Reduction.SUM)).eval(false).value(), k * sum, REL64, ABS64,
            what + " sum, weights x" + k);
      }
    }
  }

  @Test
  void float32AgreesWithFloat64OnWellConditionedInputs() {
    SplittableRandom r = new SplittableRandom(SEED + 9);
    for (LossKind kind : KINDS) {
      for (int trial = 0; trial < 60; trial++) {
        int n = 1 + r.nextInt(6);
        int c = classes(r, kind);
        LossOptions o = randomOptions(r, kind, c, Precision.FLOAT32);
        Problem pr = randomProblem(r, kind, o, n, c, false);
        // Inputs already exact in float, so the two precisions see the same numbers.
        Matrix p32 = copy(pr.yPred());
        for (int k = 0; k < p32.data().length; k++) {
          p32.data()[k] = (float) p32.data()[k];
        }
        Problem f32 = pr.withPred(p32);
        Problem f64 = f32.withOptions(o.withPrecision(Precision.FLOAT64));
        // Float32 rounding of inputs-to-results: a few ulps (6e-8) of each value, plus cancellation in gradients.
        assertSame(f32.eval(true), f64.eval(true), 1e-5, 1e-6, kind + " float32 vs float64 " + o);
      }
    }
  }

  @Test
  void gradientWithoutRequestAgreesAndIsAbsent() {
    SplittableRandom r = new SplittableRandom(SEED + 7);
    for (LossKind kind : KINDS) {
      for (int trial = 0; trial < 40; trial++) {
        int c = classes(r, kind);
        Precision p = r.nextBoolean() ? Precision.FLOAT32 : Precision.FLOAT64;
        Problem pr = randomProblem(r, kind, randomOptions(r, kind, c, p), 1 + r.nextInt(5), c, trial % 2 == 0);
        LossResult with = pr.eval(true);
        LossResult without = pr.eval(false);
        assertThat(without.gradient()).isNull();
        assertClose(without.value(), with.value(), 1e-12, 0, kind + " value without gradient " + pr.opts());
        assertClose(without.perSample(), with.perSample(), 1e-12, 0, kind + " perSample without gradient");
      }
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Checks.
  // ------------------------------------------------------------------------------------------------------------

  /**
   * Central differences in double: step 1e-6 relative (at least 1e-6 absolute), so truncation (h²·f''' ≈ 1e-12)
   * and cancellation (1e-16·f/h ≈ 1e-10·f) both stay far below the 1e-6 tolerance.
   */
  private static void checkGradient(Problem pr) {
    LossResult res = pr.eval(true);
    double[] g = res.gradient().data();
    double[] x = pr.yPred().data();
    double scale = 0;
    for (double v : g) {
      scale = Math.max(scale, Math.abs(v));
    }
    List<String> bad = new ArrayList<>();
    for (int k = 0; k < x.length; k++) {
      double h = 1e-6 * Math.max(1.0, Math.abs(x[k]));
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[k] += h;
      minus[k] -= h;
      double fp = pr.withPred(new Matrix(plus, pr.yPred().rows(), pr.yPred().cols())).eval(false).value();
      double fm = pr.withPred(new Matrix(minus, pr.yPred().rows(), pr.yPred().cols())).eval(false).value();
      double fd = (fp - fm) / (plus[k] - minus[k]);
      if (!(Math.abs(fd - g[k]) <= 1e-6 * (1 + scale) + 1e-5 * Math.abs(g[k]))) {
        bad.add("d/dy_pred[" + k / pr.yPred().cols() + "][" + k % pr.yPred().cols() + "]: analytic " + g[k]
            + ", finite difference " + fd);
      }
    }
    assertThat(bad).as("%s %s sw=%s", pr.kind(), pr.opts(), pr.sw() == null ? "none" : "given").isEmpty();
  }

  private static void assertSame(LossResult a, LossResult b, double rel, double abs, String what) {
    assertClose(a.value(), b.value(), rel, abs, what + " value");
    assertClose(a.perSample(), b.perSample(), rel, abs, what + " perSample");
    assertClose(a.gradient().data(), b.gradient().data(), rel, abs, what + " gradient");
  }

  private static void assertClose(double actual, double expected, double rel, double abs, String what) {
    assertThat(Math.abs(actual - expected) <= abs + rel * Math.abs(expected))
        .as("%s: got %s, expected %s", what, actual, expected).isTrue();
  }

  private static void assertClose(double[] actual, double[] expected, double rel, double abs, String what) {
    assertThat(actual).as(what + " length").hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertClose(actual[i], expected[i], rel, abs, what + "[" + i + "]");
    }
  }

  private static Matrix copy(Matrix m) {
    return new Matrix(m.data().clone(), m.rows(), m.cols());
  }
}
