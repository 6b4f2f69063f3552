package dev.xent.kernel.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.kernel.KernelProvider;
import dev.xent.kernel.scalar.ScalarKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against the scalar reference, at 128-, 256- and 512-bit species in one JVM, over class
 * counts that exercise the vector body, the scalar tail and rows shorter than a vector, with boundary fills.
 *
 * <p>Tolerance: the reference sums in double; the vector kernels sum in float lanes, so the error of a row's
 * Σ exp grows with the number of terms one lane adds, about cols/lanes. Losses are compared relative to the
 * magnitude of the terms that cancel in them, Σ|v|·(|lse| + max|z|), and gradients relative to their scale
 * gradScale·Σ|v|, both within {@link #tolerance}.
 */
class VectorKernelsTest {
  private static final int[] CLASS_COUNTS = {1, 3, 7, 10, 15, 16, 17, 31, 64, 65, 100, 1000, 2050, 4099};
  private static final int[] WIDTHS = {128, 256, 512};
  private static final int ROWS = 3;
  /**
   * Sparse rows: two full blocks of 16 rows and a partial one, for the kernels that work on a vector of rows at a
   * time (at 128 and 256 bits, several full blocks).
   */
  private static final int SPARSE_ROWS = 37;
  private static final KernelProvider SCALAR = new ScalarKernels();

  /** Logit fills: ordinary, equal, large, one dominant, and very negative (finite) logits. */
  enum Fill { GAUSSIAN, ALL_ZERO, ALL_1E4, PLUS_MINUS_1E4, ONE_HUGE, VERY_NEGATIVE }

  static Stream<Arguments> widthsAndClasses() {
    List<Arguments> out = new ArrayList<>();
    for (int bits : WIDTHS) {
      for (int cols : CLASS_COUNTS) {
        out.add(Arguments.of(bits, cols));
      }
    }
    return out.stream();
  }

  /**
   * Relative tolerance for a row of {@code cols} logits at {@code lanes} lanes: 2^-24 per float rounding, 16 for
   * the exp (measured under 2 ulp) and the final scalings, plus one per term a lane accumulates.
   */
  static double tolerance(int cols, int lanes) {
    return 0x1p-24 * (16 + 2.0 * cols / lanes);
  }

  @ParameterizedTest(name = "{0}-bit, {1} classes")
  @MethodSource("widthsAndClasses")
  void sparseMatchesScalar(int bits, int cols) {
    VectorKernels vector = new VectorKernels(bits);
    assertThat(vector.vectorBitSize()).isEqualTo(bits);
    int lanes = bits / 32;
    for (Fill fill : Fill.values()) {
      float[] logits = logits(fill, SPARSE_ROWS, cols, 7);
      SplittableRandom rnd = new SplittableRandom(cols);
      int[] labels = new int[SPARSE_ROWS];
      float[] hard = new float[SPARSE_ROWS];
      float[] soft = new float[SPARSE_ROWS];
      for (int i = 0; i < SPARSE_ROWS; i++) {
        labels[i] = rnd.nextInt(cols);
        hard[i] = (float) (0.5 + rnd.nextDouble());
        soft[i] = (float) (0.1 / cols);
      }
      labels[SPARSE_ROWS - 1] = ignoredLabel(cols); // an ignored row: label outside [0, cols)
      float[] weights = classWeights(rnd, cols);
      String where = bits + "-bit " + cols + " classes " + fill;
      // hard only; hard + smoothing (u = 1); hard + weighted smoothing; forward only
      boolean veryNegative = fill == Fill.VERY_NEGATIVE;
      compareSparse(vector, where + " hard", logits, cols, labels, hard, null, null, 0.25f, true, lanes);
      compareSparse(vector, where + " forward", logits, cols, labels, hard, null, null, 0.25f, false, lanes);
      if (!veryNegative) { // Σ u_c z_c of -3e38 logits overflows a float; smoothing gets -1e30 in FAIRLY_NEGATIVE
        compareSparse(vector, where + " smoothed", logits, cols, labels, hard, soft, null, 0.5f, true, lanes);
        compareSparse(vector, where + " weighted", logits, cols, labels, hard, soft, weights, 1f, true, lanes);
      }
    }
  }

  @ParameterizedTest(name = "{0}-bit, {1} classes")
  @MethodSource("widthsAndClasses")
  void denseMatchesScalar(int bits, int cols) {
    VectorKernels vector = new VectorKernels(bits);
    int lanes = bits / 32;
    for (Fill fill : Fill.values()) {
      float[] logits = logits(fill == Fill.VERY_NEGATIVE ? null : fill, ROWS, cols, 11);
      SplittableRandom rnd = new SplittableRandom(cols + 1);
      float[] oneHot = new float[ROWS * cols];
      for (int i = 0; i < ROWS; i++) {
        oneHot[i * cols + rnd.nextInt(cols)] = 1f;
      }
      float[] softRows = softRows(rnd, ROWS, cols);
      float[] rowCoef = {1f, 0.5f, 2f};
      float[] weights = classWeights(rnd, cols);
      String where = bits + "-bit " + cols + " classes " + fill;
      compareDense(vector, where + " one-hot", logits, oneHot, cols, 0f, null, rowCoef, 0.25f, true, lanes);
      compareDense(vector, where + " forward", logits, oneHot, cols, 0f, null, rowCoef, 0.25f, false, lanes);
      compareDense(vector, where + " soft", logits, softRows, cols, 0f, null, rowCoef, 1f, true, lanes);
      compareDense(vector, where + " smoothed", logits, oneHot, cols, 0.1f, null, rowCoef, 0.5f, true, lanes);
      compareDense(vector, where + " weighted", logits, softRows, cols, 0.2f, weights, rowCoef, 1f, true, lanes);
    }
  }

  /**
   * A row holding a NaN (either sign, any payload) or +∞ gives a NaN loss and an all-NaN gradient row, in every
   * layout; a -∞ logit is an exp of exactly 0, as a logit of -1e30 is (with hard labels: the same bits); the other
   * rows are untouched (the same bits as without the special rows).
   */
  @ParameterizedTest(name = "{0}-bit")
  @ValueSource(ints = {128, 256, 512})
  void nonFiniteLogitsStayInTheirRow(int bits) {
    VectorKernels vector = new VectorKernels(bits);
    float[] nans = {Float.NaN, Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0x7fc00001),
        Float.intBitsToFloat(0xff800001), Float.POSITIVE_INFINITY};
    int[] nanRows = {3, 5, 8, 12, 20};
    int[] minusInfRows = {25, 30};
    for (int cols : new int[] {10, 33, 100, 1000, 1001}) {
      float[] clean = logits(Fill.GAUSSIAN, SPARSE_ROWS, cols, 5);
      SplittableRandom rnd = new SplittableRandom(cols);
      int[] labels = new int[SPARSE_ROWS];
      float[] hard = new float[SPARSE_ROWS];
      float[] soft = new float[SPARSE_ROWS];
      for (int i = 0; i < SPARSE_ROWS; i++) {
        labels[i] = rnd.nextInt(cols);
        hard[i] = 1f;
        soft[i] = 0.1f / cols;
      }
      float[] special = clean.clone();
      float[] farBelow = clean.clone(); // -1e30 where special has -∞
      for (int k = 0; k < nanRows.length; k++) {
        int i = nanRows[k];
        // the NaN at the label (row 20) or just past it, and once in the row's last logit (the tail)
        int c = k == 4 ? labels[i] : k == 2 ? cols - 1 : (labels[i] + 1) % cols;
        special[i * cols + c] = nans[k];
      }
      for (int i : minusInfRows) {
        int c = i == 30 ? (labels[i] == cols - 1 ? 0 : cols - 1) : (labels[i] + 2) % cols;
        special[i * cols + c] = Float.NEGATIVE_INFINITY;
        farBelow[i * cols + c] = -1e30f;
      }
      String where = bits + "-bit " + cols + " classes";
      for (String mode : new String[] {"hard", "in place", "forward", "smoothed"}) {
        float[][] outs = new float[3][];
        double[][] losses = new double[3][];
        float[][] inputs = {clean, special, farBelow};
        for (int r = 0; r < 3; r++) {
          float[] z = inputs[r].clone();
          float[] g = switch (mode) {
            case "in place" -> z;
            case "forward" -> null;
            default -> new float[z.length];
          };
          losses[r] = new double[SPARSE_ROWS];
          vector.softmaxXentSparse(z, cols, labels, hard, mode.equals("smoothed") ? soft : null, null, 0.5f,
              losses[r], g, 0, SPARSE_ROWS);
          outs[r] = g;
        }
        for (int i = 0; i < SPARSE_ROWS; i++) {
          final int row = i;
          boolean nanRow = Arrays.stream(nanRows).anyMatch(x -> x == row);
          boolean infRow = Arrays.stream(minusInfRows).anyMatch(x -> x == row);
          String at = where + " " + mode + " row " + i;
          if (nanRow) {
            assertThat(losses[1][i]).as(at).isNaN();
            for (int c = 0; outs[1] != null && c < cols; c++) {
              assertThat(outs[1][i * cols + c]).as(at + " column " + c).isNaN();
            }
          } else if (infRow) {
            if (!mode.equals("smoothed")) { // Σ u·z of a -∞ logit is -∞ there: a +∞ loss, not -1e30's
              assertThat(losses[1][i]).as(at).isEqualTo(losses[2][i]).isFinite();
              for (int c = 0; outs[1] != null && c < cols; c++) {
                assertThat(outs[1][i * cols + c]).as(at + " column " + c).isEqualTo(outs[2][i * cols + c]);
              }
            }
          } else {
            assertThat(losses[1][i]).as(at).isEqualTo(losses[0][i]).isFinite();
            for (int c = 0; outs[1] != null && c < cols; c++) {
              assertThat(outs[1][i * cols + c]).as(at + " column " + c).isEqualTo(outs[0][i * cols + c]);
            }
          }
        }
      }
      // dense targets: NaN rows only (a one-hot 0 times a -∞ logit is NaN in the loss, as in PyTorch)
      if (cols >= bits / 32) {
        float[] oneHot = new float[SPARSE_ROWS * cols];
        float[] rowCoef = new float[SPARSE_ROWS];
        for (int i = 0; i < SPARSE_ROWS; i++) {
          oneHot[i * cols + labels[i]] = 1f;
          rowCoef[i] = 1f;
        }
        double[] loss = new double[SPARSE_ROWS];
        float[] g = new float[SPARSE_ROWS * cols];
        vector.softmaxXentDense(special, oneHot, cols, 0f, null, rowCoef, 1f, loss, g, 0, SPARSE_ROWS);
        for (int i : nanRows) {
          assertThat(loss[i]).as(where + " dense row " + i).isNaN();
          for (int c = 0; c < cols; c++) {
            assertThat(g[i * cols + c]).as(where + " dense row " + i + " column " + c).isNaN();
          }
        }
      }
    }
  }

  @Test
  void preferredWidthIsTheHardwareSpecies() {
    VectorKernels preferred = new VectorKernels(-1);
    assertThat(preferred.name()).isEqualTo("vector");
    assertThat(preferred.vectorBitSize()).isEqualTo(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize());
  }

  @Test
  void rejectsOtherWidths() {
    assertThatThrownBy(() -> new VectorKernels(96)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("128, 256 or 512, got 96");
  }

  /** An ignored row's label: just outside the valid range, alternating below and above it. */
  private static int ignoredLabel(int cols) {
    return cols % 2 == 0 ? -1 : cols;
  }

  private static void compareSparse(VectorKernels vector, String where, float[] logits, int cols, int[] labels,
      float[] hard, float[] soft, float[] u, float gradScale, boolean withGrad, int lanes) {
    double[] lossV = new double[SPARSE_ROWS];
    double[] lossS = new double[SPARSE_ROWS];
    float[] gradV = withGrad ? new float[SPARSE_ROWS * cols] : null;
    float[] gradS = withGrad ? new float[SPARSE_ROWS * cols] : null;
    vector.softmaxXentSparse(logits, cols, labels, hard, soft, u, gradScale, lossV, gradV, 0, SPARSE_ROWS);
    SCALAR.softmaxXentSparse(logits, cols, labels, hard, soft, u, gradScale, lossS, gradS, 0, SPARSE_ROWS);
    for (int i = 0; i < SPARSE_ROWS; i++) {
      double sumV = 0;
      for (int c = 0; c < cols; c++) {
        double v = (soft == null ? 0 : soft[i] * (u == null ? 1.0 : u[c]));
        sumV += v;
      }
      if (labels[i] >= 0 && labels[i] < cols) {
        sumV += hard[i];
      }
      check(where, i, cols, lanes, logits, sumV, gradScale, lossV, lossS, gradV, gradS);
    }
  }

  private static void compareDense(VectorKernels vector, String where, float[] logits, float[] targets, int cols,
      float smoothing, float[] weights, float[] rowCoef, float gradScale, boolean withGrad, int lanes) {
    double[] lossV = new double[ROWS];
    double[] lossS = new double[ROWS];
    float[] gradV = withGrad ? new float[ROWS * cols] : null;
    float[] gradS = withGrad ? new float[ROWS * cols] : null;
    vector.softmaxXentDense(logits, targets, cols, smoothing, weights, rowCoef, gradScale, lossV, gradV, 0, ROWS);
    SCALAR.softmaxXentDense(logits, targets, cols, smoothing, weights, rowCoef, gradScale, lossS, gradS, 0, ROWS);
    for (int i = 0; i < ROWS; i++) {
      double sumV = 0;
      for (int c = 0; c < cols; c++) {
        sumV += rowCoef[i] * (weights == null ? 1.0 : weights[c])
            * (targets[i * cols + c] * (1.0 - smoothing) + smoothing / (double) cols);
      }
      check(where, i, cols, lanes, logits, sumV, gradScale, lossV, lossS, gradV, gradS);
    }
  }

  private static void check(String where, int i, int cols, int lanes, float[] logits, double sumV, float gradScale,
      double[] lossV, double[] lossS, float[] gradV, float[] gradS) {
    double maxAbs = 0;
    for (int c = 0; c < cols; c++) {
      maxAbs = Math.max(maxAbs, Math.abs(logits[i * cols + c]));
    }
    double tol = tolerance(cols, lanes);
    double lossScale = Math.abs(sumV) * (2 * maxAbs + Math.log(cols) + 1);
    assertThat(lossV[i]).as("%s row %d loss", where, i).isCloseTo(lossS[i], org.assertj.core.data.Offset.offset(tol * lossScale + 1e-300));
    if (gradV == null) {
      return;
    }
    double gradTol = tol * Math.abs(gradScale) * Math.abs(sumV) + Float.MIN_NORMAL;
    for (int c = 0; c < cols; c++) {
      int k = i * cols + c;
      if (Math.abs(gradV[k] - gradS[k]) > gradTol) {
        assertThat((double) gradV[k]).as("%s row %d grad[%d]", where, i, c)
            .isCloseTo(gradS[k], org.assertj.core.data.Offset.offset(gradTol));
      }
    }
  }

  /**
   * Sparse rows shorter than a vector are computed a block of rows at a time: a row's bits must not depend on
   * where its range (one thread's share) starts or which block it falls in, so any split of the rows gives the
   * result of the whole range; and over many blocks the result still matches the scalar reference.
   */
  @ParameterizedTest(name = "{0}-bit")
  @ValueSource(ints = {128, 256, 512})
  void shortRowsDoNotDependOnTheRowRange(int bits) {
    VectorKernels vector = new VectorKernels(bits);
    int lanes = bits / 32;
    int rows = 1500; // several blocks of rows at every class count below
    for (int cols : new int[] {1, 3, 5, 7, 15}) {
      float[] z = logits(Fill.GAUSSIAN, rows, cols, 13); // [rows, cols], row-major
      SplittableRandom rnd = new SplittableRandom(cols);
      int[] labels = new int[rows];
      float[] hard = new float[rows];
      for (int i = 0; i < rows; i++) {
        labels[i] = i % 97 == 0 ? ignoredLabel(cols) : rnd.nextInt(cols);
        hard[i] = (float) (0.5 + rnd.nextDouble());
      }
      double[] lossWhole = new double[rows];
      float[] gradWhole = new float[rows * cols];
      vector.softmaxXentSparse(z, cols, labels, hard, null, null, 0.25f, lossWhole, gradWhole, 0, rows);
      double[] lossSplit = new double[rows];
      float[] gradSplit = new float[rows * cols];
      int[] cuts = {0, 1, 163, 164, 700, 1499, rows};
      for (int k = 0; k + 1 < cuts.length; k++) {
        vector.softmaxXentSparse(z, cols, labels, hard, null, null, 0.25f, lossSplit, gradSplit, cuts[k], cuts[k + 1]);
      }
      assertThat(Arrays.equals(lossSplit, lossWhole)).as("%d-bit %d classes: losses of a split range", bits, cols)
          .isTrue();
      assertThat(Arrays.equals(gradSplit, gradWhole)).as("%d-bit %d classes: gradients of a split range", bits, cols)
          .isTrue();
      double[] lossRef = new double[rows];
      float[] gradRef = new float[rows * cols];
      SCALAR.softmaxXentSparse(z, cols, labels, hard, null, null, 0.25f, lossRef, gradRef, 0, rows);
      double tol = tolerance(cols, lanes);
      for (int i = 0; i < rows; i++) {
        // the loss relative to hard[i]·(|lse| + max|z|) < hard[i]·200 (3·N(0,1) logits), the gradient to 0.25·hard[i]
        assertThat(lossWhole[i]).as("%d-bit %d classes row %d loss", bits, cols, i)
            .isCloseTo(lossRef[i], org.assertj.core.api.Assertions.within(tol * hard[i] * 200));
        for (int c = 0; c < cols; c++) {
          assertThat((double) gradWhole[i * cols + c]).as("%d-bit %d classes row %d grad %d", bits, cols, i, c)
              .isCloseTo(gradRef[i * cols + c], org.assertj.core.api.Assertions.within(tol * 0.25 * hard[i]));
        }
      }
    }
  }

  /**
   * A row's last {@code cols % lanes} logits (past its last whole vector) go through one vector that overlaps the
   * one before it. Each element must come out as a body lane computes it: a logit equal to one in the row's first
   * vector gets the same gradient bits there, and the target, wherever it sits (first lane of the overlapping
   * vector, the last lane the body loop covers, the row's last logit), gets that value minus the target term,
   * rounded once. In place, the same bits again.
   */
  @ParameterizedTest(name = "{0}-bit")
  @ValueSource(ints = {128, 256, 512})
  void rowTailsComputeAsBodyLanes(int bits) {
    VectorKernels vector = new VectorKernels(bits);
    int lanes = bits / 32;
    for (int cols : new int[] {51, 100, 4099}) { // rows past TRANSPOSE_MAX, so row by row
      if (cols % lanes == 0) {
        continue; // 100 at 128 bits: no tail
      }
      int bound = cols - cols % lanes;
      int[] targets = {cols - lanes, bound - 1, bound, cols - 1};
      int rows = targets.length;
      float[] z = logits(Fill.GAUSSIAN, rows, cols, 17); // [rows, cols], row-major
      int[] labels = new int[rows];
      float[] hard = new float[rows];
      for (int i = 0; i < rows; i++) {
        labels[i] = targets[i];
        hard[i] = 0.75f;
        int off = i * cols;
        z[off + 1] = z[off + cols - 2] = 1.5f; // a pair in the first vector and the tail or the overlap
        z[off] = z[off + targets[i]]; // the target's twin in the first vector
      }
      float gradScale = 0.25f;
      for (float[] soft : new float[][] {null, {0.01f, 0.02f, 0.03f, 0.04f}}) {
        String where = bits + "-bit " + cols + " classes" + (soft == null ? "" : " smoothed");
        double[] loss = new double[rows];
        float[] grad = new float[rows * cols];
        vector.softmaxXentSparse(z, cols, labels, hard, soft, null, gradScale, loss, grad, 0, rows);
        float[] inPlace = z.clone();
        vector.softmaxXentSparse(inPlace, cols, labels, hard, soft, null, gradScale, new double[rows], inPlace, 0,
            rows);
        assertThat(Arrays.equals(inPlace, grad)).as("%s: in place", where).isTrue();
        float hardGrad = (float) (gradScale * (double) hard[0]); // as the kernel rounds it
        for (int i = 0; i < rows; i++) {
          int off = i * cols;
          int t = targets[i];
          if (t != cols - 2) {
            assertThat(grad[off + cols - 2]).as("%s row %d: twin of grad[1]", where, i).isEqualTo(grad[off + 1]);
          }
          assertThat(grad[off + t]).as("%s row %d: target %d", where, i, t).isEqualTo(grad[off] - hardGrad);
        }
      }
    }
  }

  /** Row-major [rows, cols] rows of uniform random values, each divided by its sum. */
  static float[] softRows(SplittableRandom rnd, int rows, int cols) {
    float[] y = new float[rows * cols];
    for (int i = 0; i < rows; i++) {
      double total = 0;
      for (int c = 0; c < cols; c++) {
        y[i * cols + c] = (float) rnd.nextDouble();
        total += y[i * cols + c];
      }
      for (int c = 0; c < cols; c++) {
        y[i * cols + c] /= (float) total;
      }
    }
    return y;
  }

  /** Per-class weights in [0.25, 1.25). */
  static float[] classWeights(SplittableRandom rnd, int cols) {
    float[] w = new float[cols];
    for (int c = 0; c < cols; c++) {
      w[c] = (float) (0.25 + rnd.nextDouble());
    }
    return w;
  }

  /** Row-major [rows, cols] logits of the given fill; null means fairly negative finite logits (-1e30). */
  static float[] logits(Fill fill, int rows, int cols, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] z = new float[rows * cols];
    for (int k = 0; k < z.length; k++) {
      double g = rnd.nextGaussian();
      if (fill == null) {
        z[k] = k % 3 == 0 ? -1e30f : (float) (3 * g);
        continue;
      }
      z[k] = switch (fill) {
        case GAUSSIAN -> (float) (3 * g);
        case ALL_ZERO -> 0f;
        case ALL_1E4 -> 1e4f;
        case PLUS_MINUS_1E4 -> rnd.nextBoolean() ? 1e4f : -1e4f;
        case ONE_HUGE -> k % cols == (k / cols * 7) % cols ? 1e4f : (float) g;
        case VERY_NEGATIVE -> k % 3 == 0 ? -3e38f : (float) (3 * g);
      };
    }
    return z;
  }
}
