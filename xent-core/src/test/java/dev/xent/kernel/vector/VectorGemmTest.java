package dev.xent.kernel.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.kernel.scalar.ScalarKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class VectorGemmTest {
  /** Awkward sizes: around the vector widths (4, 8, 16), the 6-row tile, and the MLP widths. */
  private static final int[] SIZES = {1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 127, 128, 129, 257, 784};

  /** Unit roundoff of float: 2^-24. */
  private static final double U = 0x1p-24;

  /** Sentinel in the padding around C: any write outside [m, n] shows up as a changed sentinel. */
  private static final float SENTINEL = -12345.5f;

  static Stream<Arguments> speciesAndTransposes() {
    List<Arguments> out = new ArrayList<>();
    for (VectorSpecies<Float> s : List.of(FloatVector.SPECIES_128, FloatVector.SPECIES_256,
        FloatVector.SPECIES_512)) {
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          out.add(Arguments.of(s, ta, tb));
        }
      }
    }
    return out.stream();
  }

  /** One sgemm problem with its operands laid out at offsets and with padded leading dimensions. */
  private static final class Case {
    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final float alpha;
    final float beta;
    final int aOff;
    final int lda;
    final int bOff;
    final int ldb;
    final int cOff;
    final int ldc;
    final float[] a;
    final float[] b;
    final float[] c;

    Case(SplittableRandom rnd, boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
        boolean integers, float cFill) {
      this.transA = transA;
      this.transB = transB;
      this.m = m;
      this.n = n;
      this.k = k;
      this.alpha = alpha;
      this.beta = beta;
      int aRows = transA ? k : m;
      int aCols = transA ? m : k;
      int bRows = transB ? n : k;
      int bCols = transB ? k : n;
      // Offsets and leading dimensions larger than the width, so indexing mistakes read the wrong numbers.
      aOff = 3;
      lda = aCols + 5;
      bOff = 7;
      ldb = bCols + 3;
      cOff = 5;
      ldc = n + 2;
      a = fill(rnd, aOff + aRows * lda + 4, integers);
      b = fill(rnd, bOff + bRows * ldb + 4, integers);
      c = new float[cOff + m * ldc + 4];
      Arrays.fill(c, SENTINEL);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          c[cOff + i * ldc + j] = Float.isNaN(cFill) ? Float.NaN : integers ? rnd.nextInt(-4, 5) : cFill
              * (float) (rnd.nextDouble() * 2 - 1);
        }
      }
    }

    float av(int i, int p) {
      return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    float bv(int p, int j) {
      return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    float[] run(VectorSpecies<Float> species) {
      float[] out = c.clone();
      VectorGemm.sgemm(species, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
      return out;
    }

    /** Rows [from, to) only, offsets moved the way {@link dev.xent.kernel.Kernels} moves them. */
    void runRows(VectorSpecies<Float> species, float[] out, int from, int to) {
      VectorGemm.sgemm(species, transA, transB, to - from, n, k, alpha, a, transA ? aOff + from : aOff + from * lda,
          lda, b, bOff, ldb, beta, out, cOff + from * ldc, ldc);
    }

    float[] runScalar() {
      float[] out = c.clone();
      new ScalarKernels().sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
      return out;
    }

    @Override
    public String toString() {
      return "transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha
          + " beta=" + beta;
    }
  }

  private static float[] fill(SplittableRandom rnd, int size, boolean integers) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = integers ? rnd.nextInt(-4, 5) : (float) (rnd.nextDouble() * 2 - 1);
    }
    return x;
  }

  /**
   * Checks every element of C against a double-precision reference, within the classic floating-point bound
   * for a length-k dot product, |error| ≤ (k + 2)·u·(|alpha|·Σ|a_p·b_p| + |beta·c|) with u = 2^-24 (k roundings
   * in the multiply-add chain, one for alpha, one for the beta term), and checks the padding is untouched.
   */
  private static void assertClose(Case cs, float[] got) {
    for (int i = 0; i < cs.m; i++) {
      for (int j = 0; j < cs.n; j++) {
        double sum = 0;
        double abs = 0;
        for (int p = 0; p < cs.k; p++) {
          double t = (double) cs.av(i, p) * cs.bv(p, j);
          sum += t;
          abs += Math.abs(t);
        }
        int ci = cs.cOff + i * cs.ldc + j;
        double old = cs.beta == 0 ? 0 : cs.beta * (double) cs.c[ci];
        double want = cs.alpha * sum + old;
        double tol = (cs.k + 2) * U * (Math.abs(cs.alpha) * abs + Math.abs(old)) + Double.MIN_NORMAL;
        double err = Math.abs(got[ci] - want);
        if (!(err <= tol)) {
          throw new AssertionError(cs + ": C[" + i + "," + j + "] = " + got[ci] + ", want " + want + " ± " + tol);
        }
      }
    }
    assertPaddingUntouched(cs, got);
  }

  private static void assertPaddingUntouched(Case cs, float[] got) {
    for (int idx = 0; idx < got.length; idx++) {
      int rel = idx - cs.cOff;
      boolean inside = rel >= 0 && rel / cs.ldc < cs.m && rel % cs.ldc < cs.n;
      if (!inside && got[idx] != SENTINEL) {
        throw new AssertionError(cs + ": wrote outside C at index " + idx);
      }
    }
  }

  /**
   * m, n, k over the awkward sizes: all (m, n) pairs, with k cycling through the list, skipping products
   * larger than {@code maxWork} multiply-adds (the 512-bit species is emulated on AVX2 hardware and slow).
   */
  private static List<int[]> sampledShapes(long maxWork) {
    List<int[]> shapes = new ArrayList<>();
    int t = 0;
    for (int m : SIZES) {
      for (int n : SIZES) {
        int k = SIZES[(t++ * 7) % SIZES.length];
        if ((long) m * n * k <= maxWork) {
          shapes.add(new int[] {m, n, k});
        }
      }
    }
    // Past the blocking boundaries: k blocks of at most 32-128 steps, column blocks of 512-2048 (by width).
    shapes.add(new int[] {13, 33, 513});
    shapes.add(new int[] {5, 2100, 9});
    return shapes;
  }

  private static long maxWork(VectorSpecies<Float> species) {
    // The emulated 512-bit path runs far slower; bound its test time to seconds.
    return species == FloatVector.SPECIES_512 ? 200_000 : 2_000_000;
  }

  @ParameterizedTest(name = "{0} transA={1} transB={2}")
  @MethodSource("speciesAndTransposes")
  void matchesDoubleReferenceOnAwkwardSizes(VectorSpecies<Float> species, boolean transA, boolean transB) {
    SplittableRandom rnd = new SplittableRandom(11);
    float[][] alphaBeta = {{1f, 0f}, {0.5f, 2f}};
    int t = 0;
    for (int[] s : sampledShapes(maxWork(species))) {
      float[] ab = alphaBeta[t++ % 2];
      Case cs = new Case(rnd, transA, transB, s[0], s[1], s[2], ab[0], ab[1], false, 1f);
      assertClose(cs, cs.run(species));
    }
  }

  @ParameterizedTest(name = "{0} transA={1} transB={2}")
  @MethodSource("speciesAndTransposes")
  void betaZeroIgnoresNaNInC(VectorSpecies<Float> species, boolean transA, boolean transB) {
    SplittableRandom rnd = new SplittableRandom(12);
    for (int[] s : new int[][] {{7, 17, 9}, {13, 33, 300}, {1, 1, 1}, {6, 16, 0}}) {
      Case cs = new Case(rnd, transA, transB, s[0], s[1], s[2], 0.5f, 0f, false, Float.NaN);
      float[] got = cs.run(species);
      assertClose(cs, got);
      for (int i = 0; i < cs.m; i++) {
        for (int j = 0; j < cs.n; j++) {
          assertThat(got[cs.cOff + i * cs.ldc + j]).as("%s C[%d,%d]", cs, i, j).isFinite();
        }
      }
    }
  }

  /** Small integers make every product and partial sum exact, so the result must equal the scalar one bit for bit. */
  @ParameterizedTest(name = "{0} transA={1} transB={2}")
  @MethodSource("speciesAndTransposes")
  void exactOnIntegerInputs(VectorSpecies<Float> species, boolean transA, boolean transB) {
    SplittableRandom rnd = new SplittableRandom(13);
    for (int[] s : new int[][] {{9, 31, 17}, {17, 33, 257}, {31, 100, 64}, {3, 5, 784}}) {
      for (float[] ab : new float[][] {{1f, 0f}, {0.5f, 2f}, {1f, 1f}}) {
        Case cs = new Case(rnd, transA, transB, s[0], s[1], s[2], ab[0], ab[1], true, 1f);
        assertThat(cs.run(species)).as("%s", cs).containsExactly(cs.runScalar());
      }
    }
  }

  /** The products of one training step of the 784-256-128-10 MLP at batch 32, as the trainer calls them. */
  @ParameterizedTest(name = "{0} transA={1} transB={2}")
  @MethodSource("speciesAndTransposes")
  void mlpShapes(VectorSpecies<Float> species, boolean transA, boolean transB) {
    if (species == FloatVector.SPECIES_512) {
      return; // emulated on AVX2 hardware; the sampled sizes already cover its code
    }
    SplittableRandom rnd = new SplittableRandom(14);
    int batch = 32;
    int[][] shapes = {{batch, 256, 784}, {batch, 784, 256}, {256, 784, batch}, {batch, 10, 128}, {10, 128, batch}};
    for (int[] s : shapes) {
      Case cs = new Case(rnd, transA, transB, s[0], s[1], s[2], 1f, 0f, false, 1f);
      assertClose(cs, cs.run(species));
    }
  }

  /**
   * Splitting C's rows into blocks (as the threaded facade does) gives the same bits as one call: here into
   * halves, 16-row chunks, and uneven blocks that put rows at every position of the 6-row tile.
   */
  @ParameterizedTest(name = "{0} transA={1} transB={2}")
  @MethodSource("speciesAndTransposes")
  void rowSplitsGiveIdenticalBits(VectorSpecies<Float> species, boolean transA, boolean transB) {
    SplittableRandom rnd = new SplittableRandom(15);
    boolean big = species != FloatVector.SPECIES_512;
    int[][] shapes = big ? new int[][] {{128, 100, 784}, {37, 33, 257}, {150, 17, 9}} : new int[][] {{37, 33, 257}};
    for (int[] s : shapes) {
      for (float[] ab : new float[][] {{1f, 0f}, {0.5f, 2f}}) {
        Case cs = new Case(rnd, transA, transB, s[0], s[1], s[2], ab[0], ab[1], false, 1f);
        float[] whole = cs.run(species);
        for (int[] cuts : splits(cs.m)) {
          float[] parts = cs.c.clone();
          for (int q = 0; q + 1 < cuts.length; q++) {
            cs.runRows(species, parts, cuts[q], cuts[q + 1]);
          }
          assertThat(parts).as("%s split at %s", cs, Arrays.toString(cuts)).containsExactly(whole);
        }
      }
    }
  }

  private static List<int[]> splits(int m) {
    List<int[]> out = new ArrayList<>();
    out.add(new int[] {0, m / 2, m});
    int chunks = (m + 15) / 16;
    int[] sixteen = new int[chunks + 1];
    for (int q = 0; q <= chunks; q++) {
      sixteen[q] = Math.min(m, q * 16);
    }
    out.add(sixteen);
    List<Integer> uneven = new ArrayList<>(List.of(0));
    for (int step = 1, at = 0; at < m; step = step % 7 + 1) {
      at = Math.min(m, at + step);
      uneven.add(at);
    }
    out.add(uneven.stream().mapToInt(Integer::intValue).toArray());
    return out;
  }

  @Test
  void emptyProductsTouchNothing() {
    float[] c = {SENTINEL, SENTINEL};
    VectorGemm.sgemm(FloatVector.SPECIES_256, false, false, 0, 2, 3, 1f, new float[0], 0, 3, new float[6], 0, 2,
        0f, c, 0, 2);
    VectorGemm.sgemm(FloatVector.SPECIES_256, false, false, 1, 0, 3, 1f, new float[3], 0, 3, new float[0], 0, 0,
        0f, c, 0, 0);
    assertThat(c).containsExactly(SENTINEL, SENTINEL);
  }

  @Test
  void rejectsUnsupportedSpecies() {
    assertThatThrownBy(() -> VectorGemm.sgemm(FloatVector.SPECIES_64, false, false, 1, 1, 1, 1f, new float[1], 0,
        1, new float[1], 0, 1, 0f, new float[1], 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("species");
    assertThat(VectorGemm.supports(FloatVector.SPECIES_64)).isFalse();
    assertThat(VectorGemm.supports(FloatVector.SPECIES_256)).isTrue();
  }
}
