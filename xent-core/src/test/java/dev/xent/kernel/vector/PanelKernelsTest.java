package dev.xent.kernel.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.kernel.KernelProvider;
import dev.xent.kernel.RowPanels;
import dev.xent.kernel.scalar.ScalarKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The products on the {@link RowPanels} layout ({@link KernelProvider#panelLogits},
 * {@link KernelProvider#panelGradient}), Vector API at 128, 256 and 512 bits and scalar, against a double-precision
 * oracle computed from the row-major matrix: so the packing of X and W is checked along with the arithmetic.
 *
 * <p>Tolerance: each result is a float sum of d (logits) or rows (gradient) products; compared relative to
 * Σ|terms|, within 2^-24·(16 + terms), the bound of a float chain of that length with room for the final rounding.
 */
class PanelKernelsTest {
  private static final int[] WIDTHS = {128, 256, 512};
  private static final int[] ROW_COUNTS = {1, 2, 3, 5, 63, 64};
  private static final int[] CLASS_COUNTS = {1, 2, 3, 4, 5, 7, 10, 11};
  private static final int[] FEATURES = {1, 15, 16, 17, 100, 131};

  static Stream<Arguments> providers() {
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of("scalar", new ScalarKernels()));
    for (int bits : WIDTHS) {
      out.add(Arguments.of(bits + "-bit", new VectorKernels(bits)));
    }
    return out.stream();
  }

  /** A matrix of n rows in panels, the second block partial, with its row-major twin. */
  private record Data(float[] rowMajor, float[] panels, float[] w, float[] wPacked, float[] bias) {}

  private static Data data(int n, int d, int c, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    float[] panels = new float[Math.toIntExact(RowPanels.size(n, d))];
    RowPanels.pack(x, d, 0, n, null, null, panels);
    float[] w = new float[c * d];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) rnd.nextGaussian();
    }
    float[] wPacked = new float[c * RowPanels.paddedWidth(d)];
    RowPanels.packWeights(w, c, d, wPacked);
    float[] bias = new float[c];
    for (int k = 0; k < c; k++) {
      bias[k] = (float) rnd.nextGaussian();
    }
    return new Data(x, panels, w, wPacked, bias);
  }

  private static double tolerance(int terms) {
    return 0x1p-24 * (16 + terms);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void logitsMatchTheDoubleOracle(String name, KernelProvider p) {
    for (int rows : ROW_COUNTS) {
      for (int c : CLASS_COUNTS) {
        for (int d : FEATURES) {
          // Block 1 of a matrix of 64 + rows rows: a non-zero block offset and a partial block.
          int n = RowPanels.ROWS + rows;
          Data m = data(n, d, c, 31L * rows + 7L * c + d);
          float[] z = new float[rows * c];
          p.panelLogits(m.panels(), RowPanels.blockOffset(1, d), rows, RowPanels.paddedWidth(d), m.wPacked(),
              m.bias(), c, z, 0);
          for (int r = 0; r < rows; r++) {
            for (int k = 0; k < c; k++) {
              double sum = m.bias()[k];
              double mag = Math.abs(m.bias()[k]);
              for (int j = 0; j < d; j++) {
                double t = (double) m.rowMajor()[(RowPanels.ROWS + r) * d + j] * m.w()[k * d + j];
                sum += t;
                mag += Math.abs(t);
              }
              assertThat((double) z[r * c + k]).as("%s rows=%d c=%d d=%d z[%d][%d]", name, rows, c, d, r, k)
                  .isCloseTo(sum, org.assertj.core.data.Offset.offset(mag * tolerance(d)));
            }
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void gradientAddsTheDoubleOracle(String name, KernelProvider p) {
    for (int rows : ROW_COUNTS) {
      for (int c : CLASS_COUNTS) {
        for (int d : FEATURES) {
          int n = RowPanels.ROWS + rows;
          Data m = data(n, d, c, 17L * rows + 5L * c + d);
          int dp = RowPanels.paddedWidth(d);
          SplittableRandom rnd = new SplittableRandom(rows * 1000L + c * 10L + d);
          float[] gt = new float[c * RowPanels.ROWS];
          for (int i = 0; i < gt.length; i++) {
            gt[i] = (float) rnd.nextGaussian();
          }
          int gwOff = 3; // not at the start of its array
          float[] gw = new float[gwOff + c * dp];
          for (int i = 0; i < gw.length; i++) {
            gw[i] = (float) rnd.nextGaussian();
          }
          float[] before = gw.clone();
          p.panelGradient(m.panels(), RowPanels.blockOffset(1, d), rows, dp, gt, c, gw, gwOff);
          assertThat(gw[0]).isEqualTo(before[0]);
          for (int k = 0; k < c; k++) {
            for (int j = 0; j < dp; j++) {
              double sum = before[gwOff + k * dp + j];
              double mag = Math.abs(sum);
              for (int r = 0; r < rows; r++) {
                double xv = j < d ? m.rowMajor()[(RowPanels.ROWS + r) * d + j] : 0.0;
                double t = (double) gt[k * RowPanels.ROWS + r] * xv;
                sum += t;
                mag += Math.abs(t);
              }
              assertThat((double) gw[gwOff + k * dp + j]).as("%s rows=%d c=%d d=%d gw[%d][%d]", name, rows, c, d, k, j)
                  .isCloseTo(sum, org.assertj.core.data.Offset.offset(mag * tolerance(rows)));
            }
          }
        }
      }
    }
  }

  @Test
  void aRowsLogitsHaveTheSameBitsWhateverTileItFallsIn() {
    // Rows 0..63 of a full block are 2-row tiles; of 63 rows the last one is a 1-row remainder; 11 classes take
    // 4-, 2- and 1-class groups.
    int d = 100;
    int c = 11;
    Data m = data(RowPanels.ROWS, d, c, 99);
    for (int bits : WIDTHS) {
      VectorKernels p = new VectorKernels(bits);
      float[] full = new float[RowPanels.ROWS * c];
      float[] part = new float[(RowPanels.ROWS - 1) * c];
      p.panelLogits(m.panels(), 0, RowPanels.ROWS, RowPanels.paddedWidth(d), m.wPacked(), m.bias(), c, full, 0);
      p.panelLogits(m.panels(), 0, RowPanels.ROWS - 1, RowPanels.paddedWidth(d), m.wPacked(), m.bias(), c, part, 0);
      assertThat(Arrays.copyOf(full, part.length)).as("%d-bit", bits).containsExactly(part);
    }
  }

  @Test
  void packingStandardisesAsTheStandardizerDoes() {
    int n = 70;
    int d = 19;
    Data m = data(n, d, 1, 5);
    float[] mean = new float[d];
    float[] std = new float[d];
    for (int j = 0; j < d; j++) {
      mean[j] = 0.25f * j;
      std[j] = 1f + 0.5f * j;
    }
    float[] panels = new float[Math.toIntExact(RowPanels.size(n, d))];
    RowPanels.pack(m.rowMajor(), d, 0, n, mean, std, panels);
    float[] expected = m.rowMajor().clone();
    new dev.xent.data.Standardizer(mean, std).apply(m.rowMajor(), expected, n);
    int dp = RowPanels.paddedWidth(d);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dp; j++) {
        float got = panels[RowPanels.blockOffset(i / RowPanels.ROWS, d)
            + (j / RowPanels.WIDTH) * RowPanels.ROWS * RowPanels.WIDTH + (i % RowPanels.ROWS) * RowPanels.WIDTH
            + j % RowPanels.WIDTH];
        assertThat(got).as("row %d col %d", i, j).isEqualTo(j < d ? expected[i * d + j] : 0f);
      }
    }
    // rows past n in the last block stay zero
    for (int i = n; i < RowPanels.blocks(n) * RowPanels.ROWS; i++) {
      assertThat(panels[RowPanels.blockOffset(1, d) + (i % RowPanels.ROWS) * RowPanels.WIDTH]).isZero();
    }
  }
}
