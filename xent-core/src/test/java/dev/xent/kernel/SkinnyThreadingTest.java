package dev.xent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernels#sgemm} on skinny products (few rows or few columns, the shapes of softmax regression and of an
 * MLP's output layer) gives the same bits on 1, 2 and 3 threads, in all four transposes, and matches a double
 * reference.
 */
class SkinnyThreadingTest {
  @AfterEach
  void restoreOneThread() {
    Kernels.setThreads(1);
  }

  @Test
  void skinnyProductsAreBitIdenticalWhateverTheThreadCount() {
    SplittableRandom rnd = new SplittableRandom(5);
    // {m, n, k}: logits-like (few columns, many rows), gradient-like (few rows, long k), the MLP output layer.
    int[][] shapes = {{3000, 10, 300}, {10, 300, 3000}, {10, 3000, 300}, {300, 10, 3000}, {128, 10, 128},
        {10, 128, 128}, {1, 500, 200}, {500, 1, 200}, {16, 700, 100}, {700, 16, 100}, {17, 700, 100}};
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          float[] a = fill(rnd, m * k); // [m, k], or [k, m] with ta
          float[] b = fill(rnd, k * n); // [k, n], or [n, k] with tb
          float[] c0 = fill(rnd, m * n); // [m, n]
          float[] reference = null;
          for (int threads = 1; threads <= 3; threads++) {
            Kernels.setThreads(threads);
            float[] c = c0.clone();
            Kernels.sgemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 2f, c, 0, n);
            if (reference == null) {
              reference = c;
              checkAgainstDouble(ta, tb, m, n, k, a, b, c0, c);
            } else {
              assertThat(c).as("m=%d n=%d k=%d ta=%b tb=%b on %d threads", m, n, k, ta, tb, threads)
                  .containsExactly(reference);
            }
          }
        }
      }
    }
  }

  /** The bound of VectorGemmTest: (k + 2)·2^-24·(|alpha|·Σ|a·b| + |beta·c|). */
  private static void checkAgainstDouble(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b,
      float[] c0, float[] got) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        double abs = 0;
        for (int p = 0; p < k; p++) {
          double t = (double) (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
          sum += t;
          abs += Math.abs(t);
        }
        double old = 2.0 * c0[i * n + j];
        double want = 0.5 * sum + old;
        double tol = (k + 2) * 0x1p-24 * (0.5 * abs + Math.abs(old));
        assertThat((double) got[i * n + j]).as("C[%d,%d] m=%d n=%d k=%d ta=%b tb=%b", i, j, m, n, k, ta, tb)
            .isCloseTo(want, org.assertj.core.data.Offset.offset(tol));
      }
    }
  }

  private static float[] fill(SplittableRandom rnd, int size) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return v;
  }
}
