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
    float[] u = new float[cols];
    for (int c = 0; c < cols; c++) {
      u[c] = (float) (0.25 + rnd.nextDouble());
    }
    for (Fill fill : Fill.values()) {
      float[] logits = VectorKernelsTest.logits(fill, rows, cols, 5);
      boolean smoothable = fill != Fill.VERY_NEGATIVE; // as in VectorKernelsTest: Σ u_c z_c would overflow
      for (int variant = 0; variant < (smoothable ? 3 : 1); variant++) {
        float[] s = variant == 0 ? null : soft;
        float[] w = variant == 2 ? u : null;
        String where = name + " " + cols + " classes " + fill + " variant " + variant;
        double[] lossSep = new double[rows];
        float[] gradSep = new float[rows * cols];
        kernels.softmaxXentSparse(logits, cols, labels, hard, s, w, 0.25f, lossSep, gradSep, 0, rows);
        double[] lossIn = new double[rows];
        float[] inPlace = logits.clone();
        for (int k = 0; k + 1 < cuts.length; k++) {
          kernels.softmaxXentSparse(inPlace, cols, labels, hard, s, w, 0.25f, lossIn, inPlace, cuts[k], cuts[k + 1]);
        }
        assertThat(Arrays.equals(lossIn, lossSep)).as("%s: losses", where).isTrue();
        assertThat(Arrays.equals(inPlace, gradSep)).as("%s: gradients", where).isTrue();
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
    float[] softRows = new float[rows * cols];
    float[] rowCoef = new float[rows];
    for (int i = 0; i < rows; i++) {
      double total = 0;
      for (int c = 0; c < cols; c++) {
        softRows[i * cols + c] = (float) rnd.nextDouble();
        total += softRows[i * cols + c];
      }
      for (int c = 0; c < cols; c++) {
        softRows[i * cols + c] /= (float) total;
      }
      rowCoef[i] = (float) (0.5 + rnd.nextDouble());
    }
    float[] weights = new float[cols];
    for (int c = 0; c < cols; c++) {
      weights[c] = (float) (0.25 + rnd.nextDouble());
    }
    for (Fill fill : Fill.values()) {
      if (fill == Fill.VERY_NEGATIVE) {
        continue; // as in VectorKernelsTest: soft targets against -3e38 logits overflow Σ y_c z_c
      }
      float[] logits = VectorKernelsTest.logits(fill, rows, cols, 9);
      for (int variant = 0; variant < 3; variant++) {
        float smoothing = variant == 0 ? 0f : 0.1f;
        float[] w = variant == 2 ? weights : null;
        String where = name + " " + cols + " classes " + fill + " variant " + variant;
        double[] lossSep = new double[rows];
        float[] gradSep = new float[rows * cols];
        kernels.softmaxXentDense(logits, softRows, cols, smoothing, w, rowCoef, 0.5f, lossSep, gradSep, 0, rows);
        double[] lossIn = new double[rows];
        float[] inPlace = logits.clone();
        for (int k = 0; k + 1 < cuts.length; k++) {
          kernels.softmaxXentDense(inPlace, softRows, cols, smoothing, w, rowCoef, 0.5f, lossIn, inPlace, cuts[k],
              cuts[k + 1]);
        }
        assertThat(Arrays.equals(lossIn, lossSep)).as("%s: losses", where).isTrue();
        assertThat(Arrays.equals(inPlace, gradSep)).as("%s: gradients", where).isTrue();
      }
    }
  }
}
