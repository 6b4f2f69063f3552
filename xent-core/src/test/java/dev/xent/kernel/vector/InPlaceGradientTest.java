package dev.xent.kernel.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.kernel.KernelProvider;
import dev.xent.kernel.scalar.ScalarKernels;
import dev.xent.kernel.vector.VectorKernelsTest.Fill;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradient written over the logits (gradOut the logits array itself) gives the same bits, loss and gradient,
 * as the gradient written to its own array: for the scalar provider and the Vector API one at each width, every
 * layout the kernels choose by class count (rows shorter than a vector, rows transposed a vector of rows at a time,
 * chunked rows), sparse and dense targets with their options, and row ranges that start and end mid-block.
 */
class InPlaceGradientTest {
  private static final int[] CLASS_COUNTS = {1, 3, 7, 10, 15, 16, 17, 31, 48, 49, 64, 100, 1000, 2050, 4099};
  /**
   * Short rows (up to 64 classes): several blocks of 16 rows at every width, and a range split that starts and ends
   * inside blocks. Longer rows are taken one at a time: fewer of them, so that 512-bit vectors emulated on narrower
   * hardware stay quick.
   */
  private static final int[] SHORT_CUTS = {0, 1, 18, 19, 50, 75};
  private static final int[] LONG_CUTS = {0, 1, 2, 7, 9};

  static Stream<Arguments> providersAndClasses() {
    List<Arguments> out = new ArrayList<>();
    for (String provider : new String[] {"scalar", "128", "256", "512"}) {
      for (int cols : CLASS_COUNTS) {
        out.add(Arguments.of(provider, cols));
      }
    }
    return out.stream();
  }

  private static KernelProvider provider(String name) {
    return name.equals("scalar") ? new ScalarKernels() : new VectorKernels(Integer.parseInt(name));
  }

  private static int[] cuts(int cols) {
    return cols <= 64 ? SHORT_CUTS : LONG_CUTS;
  }

  @ParameterizedTest(name = "{0}, {1} classes")
  @MethodSource("providersAndClasses")
  void sparseInPlaceMatchesSeparateGradient(String name, int cols) {
    KernelProvider kernels = provider(name);
    int[] cuts = cuts(cols);
    int rows = cuts[cuts.length - 1];
    SplittableRandom rnd = new SplittableRandom(cols);
    int[] labels = new int[rows];
    float[] hard = new float[rows];
    float[] soft = new float[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = i % 11 == 5 ? -100 : rnd.nextInt(cols);
      hard[i] = (float) (0.5 + rnd.nextDouble());
      soft[i] = (float) (0.1 / cols);
    }
    float[] u = VectorKernelsTest.classWeights(rnd, cols);
    for (Fill fill : Fill.values()) {
      float[] logits = VectorKernelsTest.logits(fill, rows, cols, 5);
      boolean smoothable = fill != Fill.VERY_NEGATIVE; // as in VectorKernelsTest: Σ u_c z_c would overflow
      for (int variant = 0; variant < (smoothable ? 3 : 1); variant++) {
        float[] s = variant == 0 ? null : soft;
        float[] w = variant == 2 ? u : null;
        assertInPlaceMatches(name + " " + cols + " classes " + fill + " variant " + variant, logits, cols, cuts,
            (z, loss, grad, from, to) -> kernels.softmaxXentSparse(z, cols, labels, hard, s, w, 0.25f, loss, grad,
                from, to));
      }
    }
  }

  @ParameterizedTest(name = "{0}, {1} classes")
  @MethodSource("providersAndClasses")
  void denseInPlaceMatchesSeparateGradient(String name, int cols) {
    KernelProvider kernels = provider(name);
    int[] cuts = cuts(cols);
    int rows = cuts[cuts.length - 1];
    SplittableRandom rnd = new SplittableRandom(cols + 1);
    float[] softRows = VectorKernelsTest.softRows(rnd, rows, cols);
    float[] rowCoef = new float[rows];
    for (int i = 0; i < rows; i++) {
      rowCoef[i] = (float) (0.5 + rnd.nextDouble());
    }
    float[] weights = VectorKernelsTest.classWeights(rnd, cols);
    for (Fill fill : Fill.values()) {
      // as in VectorKernelsTest: fairly negative logits (-1e30) for the very negative fill, whose -3e38 would
      // overflow Σ y_c z_c against soft targets
      float[] logits = VectorKernelsTest.logits(fill == Fill.VERY_NEGATIVE ? null : fill, rows, cols, 9);
      for (int variant = 0; variant < 3; variant++) {
        float smoothing = variant == 0 ? 0f : 0.1f;
        float[] w = variant == 2 ? weights : null;
        assertInPlaceMatches(name + " " + cols + " classes " + fill + " variant " + variant, logits, cols, cuts,
            (z, loss, grad, from, to) -> kernels.softmaxXentDense(z, softRows, cols, smoothing, w, rowCoef, 0.5f,
                loss, grad, from, to));
      }
    }
  }

  /** One kernel call on rows [from, to) of the given logits, writing loss and gradient. */
  private interface RowsCall {
    void run(float[] logits, double[] loss, float[] grad, int from, int to);
  }

  /**
   * The call on the whole range with a separate gradient array, then on a copy of the logits range by range (split
   * at {@code cuts}) with the gradient written over it: losses and gradients bit for bit the same.
   */
  private static void assertInPlaceMatches(String where, float[] logits, int cols, int[] cuts, RowsCall call) {
    int rows = cuts[cuts.length - 1];
    double[] lossSep = new double[rows];
    float[] gradSep = new float[rows * cols];
    call.run(logits, lossSep, gradSep, 0, rows);
    double[] lossIn = new double[rows];
    float[] inPlace = logits.clone();
    for (int k = 0; k + 1 < cuts.length; k++) {
      call.run(inPlace, lossIn, inPlace, cuts[k], cuts[k + 1]);
    }
    assertThat(Arrays.equals(lossIn, lossSep)).as("%s: losses", where).isTrue();
    assertThat(Arrays.equals(inPlace, gradSep)).as("%s: gradients", where).isTrue();
  }
}
