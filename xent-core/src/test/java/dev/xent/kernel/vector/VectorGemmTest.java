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
   * Splitting C's rows into blocks that keep the whole call's path (as the threaded facade does) gives the same
   * bits as one call: here into halves, chunks and uneven blocks that put rows at every position of the 6-row
   * tile; with more than {@link VectorGemm#SKINNY_MAX} columns every block is taller than that, so that it stays
   * on the packed path.
   */
  @ParameterizedTest(name = "{0} transA={1} transB={2}")
  @MethodSource("speciesAndTransposes")
  void rowSplitsGiveIdenticalBits(VectorSpecies<Float> species, boolean transA, boolean transB) {
    SplittableRandom rnd = new SplittableRandom(15);
    boolean big = species != FloatVector.SPECIES_512;
    int[][] shapes = big ? new int[][] {{128, 100, 784}, {37, 33, 257}, {150, 17, 9}, {150, 10, 300}}
        : new int[][] {{37, 33, 257}, {37, 10, 100}};
    for (int[] s : shapes) {
      for (float[] ab : new float[][] {{1f, 0f}, {0.5f, 2f}}) {
        Case cs = new Case(rnd, transA, transB, s[0], s[1], s[2], ab[0], ab[1], false, 1f);
        float[] whole = cs.run(species);
        for (int[] cuts : splits(cs.m, cs.n <= VectorGemm.SKINNY_MAX ? 1 : VectorGemm.SKINNY_MAX + 1)) {
          float[] parts = cs.c.clone();
          for (int q = 0; q + 1 < cuts.length; q++) {
            cs.runRows(species, parts, cuts[q], cuts[q + 1]);
          }
          assertThat(parts).as("%s split at %s", cs, Arrays.toString(cuts)).containsExactly(whole);
        }
      }
    }
  }

  /**
   * B packed once in strip ranges (as threads share it) and C computed from that packing in row blocks of any
   * height, down to single rows, gives the same bits as one sgemm call; products that take a skinny path have no
   * shared packing.
   */
  @ParameterizedTest(name = "{0} transA={1} transB={2}")
  @MethodSource("speciesAndTransposes")
  void sharedPackingGivesIdenticalBits(VectorSpecies<Float> species, boolean transA, boolean transB) {
    SplittableRandom rnd = new SplittableRandom(16);
    boolean big = species != FloatVector.SPECIES_512;
    // Several k blocks (257), two column blocks (1100 > 1024), a partial last strip (33, 100), few rows (17).
    int[][] shapes = big ? new int[][] {{37, 33, 257}, {17, 100, 9}, {20, 1100, 30}}
        : new int[][] {{37, 33, 257}, {17, 40, 9}};
    for (int[] s : shapes) {
      for (float[] ab : new float[][] {{1f, 0f}, {0.5f, 2f}}) {
        Case cs = new Case(rnd, transA, transB, s[0], s[1], s[2], ab[0], ab[1], false, 1f);
        float[] whole = cs.run(species);
        int size = VectorGemm.packedBSize(species, cs.m, cs.n, cs.k);
        assertThat(size).isPositive();
        int strips = VectorGemm.packedBStrips(species, cs.n);
        for (int[] stripCuts : new int[][] {{0, strips}, {0, strips / 2, strips}, {0, 1, strips - 1, strips}}) {
          float[] packed = new float[size];
          Arrays.fill(packed, Float.NaN); // every float read must have been packed
          for (int q = 0; q + 1 < stripCuts.length; q++) {
            VectorGemm.packBStrips(species, transB, cs.n, cs.k, cs.b, cs.bOff, cs.ldb, packed, stripCuts[q],
                stripCuts[q + 1]);
          }
          for (int[] cuts : new int[][] {{0, cs.m}, {0, cs.m / 2, cs.m}, {0, 1, 7, 8, cs.m}}) {
            float[] parts = cs.c.clone();
            for (int q = 0; q + 1 < cuts.length; q++) {
              int from = cuts[q];
              VectorGemm.sgemmPackedB(species, transA, cuts[q + 1] - from, cs.n, cs.k, cs.alpha, cs.a,
                  transA ? cs.aOff + from : cs.aOff + from * cs.lda, cs.lda, packed, cs.beta, parts,
                  cs.cOff + from * cs.ldc, cs.ldc);
            }
            assertThat(parts).as("%s, strips cut at %s, rows at %s", cs, Arrays.toString(stripCuts),
                Arrays.toString(cuts)).containsExactly(whole);
          }
        }
      }
    }
    assertThat(VectorGemm.packedBSize(species, 128, VectorGemm.SKINNY_MAX, 100)).isZero();
    assertThat(VectorGemm.packedBSize(species, VectorGemm.SKINNY_MAX, 128, 100)).isZero();
  }

  /** Cuts of [0, m) into halves, 16-row chunks and uneven steps of 1..7 rows, each block at least minRows tall. */
  private static List<int[]> splits(int m, int minRows) {
    List<int[]> out = new ArrayList<>();
    out.add(new int[] {0, m / 2, m});
    List<Integer> chunks = new ArrayList<>(List.of(0));
    for (int at = 0; at < m; ) {
      at = Math.min(m, at + Math.max(16, minRows));
      chunks.add(at);
    }
    out.add(merged(chunks, minRows));
    List<Integer> uneven = new ArrayList<>(List.of(0));
    for (int step = 1, at = 0; at < m; step = step % 7 + 1) {
      at = Math.min(m, at + minRows - 1 + step);
      uneven.add(at);
    }
    out.add(merged(uneven, minRows));
    return out.stream().filter(c -> blocksAtLeast(c, minRows)).toList();
  }

  /** The cuts with a last block shorter than minRows merged into the one before it. */
  private static int[] merged(List<Integer> cuts, int minRows) {
    List<Integer> c = new ArrayList<>(cuts);
    if (c.size() > 2 && c.get(c.size() - 1) - c.get(c.size() - 2) < minRows) {
      c.remove(c.size() - 2);
    }
    return c.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean blocksAtLeast(int[] cuts, int minRows) {
    for (int q = 0; q + 1 < cuts.length; q++) {
      if (cuts[q + 1] - cuts[q] < minRows) {
        return false;
      }
    }
    return true;
  }

  /** The short sides the skinny paths must handle: around the 4-row blocks, the usual 10 classes, the limit. */
  private static final int[] SKINNY = {1, 2, 9, 10, 16, 17};

  /**
   * Skinny products, C with few rows or few columns, all four transposes: against the double reference with the
   * error bound of {@link #assertClose}, with long k (not a multiple of the vector width, past the 64-step
   * broadcast blocks) and a long side past the 512-column blocks, offsets and padded leading dimensions, and
   * three alpha/beta pairs.
   */
  @ParameterizedTest(name = "{0} transA={1} transB={2}")
  @MethodSource("speciesAndTransposes")
  void skinnyProductsMatchDoubleReference(VectorSpecies<Float> species, boolean transA, boolean transB) {
    SplittableRandom rnd = new SplittableRandom(16);
    boolean emulated = species == FloatVector.SPECIES_512;
    int big = emulated ? 70 : 600;
    int k = emulated ? 133 : 1001;
    float[][] alphaBeta = {{1f, 0f}, {0.5f, 2f}, {-1.5f, 1f}};
    int t = 0;
    for (int s : SKINNY) {
      for (int[] shape : new int[][] {{s, big, k}, {big, s, k}, {s, s, k}, {big, s, 3}}) {
        float[] ab = alphaBeta[t++ % alphaBeta.length];
        Case cs = new Case(rnd, transA, transB, shape[0], shape[1], shape[2], ab[0], ab[1], false, 1f);
        assertClose(cs, cs.run(species));
      }
    }
  }

  /** beta = 0 on the skinny paths: C's NaNs are never read. */
  @ParameterizedTest(name = "{0} transA={1} transB={2}")
  @MethodSource("speciesAndTransposes")
  void skinnyBetaZeroIgnoresNaNInC(VectorSpecies<Float> species, boolean transA, boolean transB) {
    SplittableRandom rnd = new SplittableRandom(17);
    for (int s : SKINNY) {
      for (int[] shape : new int[][] {{s, 77, 300}, {77, s, 300}}) {
        Case cs = new Case(rnd, transA, transB, shape[0], shape[1], shape[2], 0.5f, 0f, false, Float.NaN);
        float[] got = cs.run(species);
        assertClose(cs, got);
        for (int i = 0; i < cs.m; i++) {
          for (int j = 0; j < cs.n; j++) {
            assertThat(got[cs.cOff + i * cs.ldc + j]).as("%s C[%d,%d]", cs, i, j).isFinite();
          }
        }
      }
    }
  }

  /**
   * With few rows, splitting C's columns into blocks wider than {@link VectorGemm#SKINNY_MAX} (as the threaded
   * facade does) gives the same bits as one call.
   */
  @ParameterizedTest(name = "{0} transA={1} transB={2}")
  @MethodSource("speciesAndTransposes")
  void skinnyColumnSplitsGiveIdenticalBits(VectorSpecies<Float> species, boolean transA, boolean transB) {
    SplittableRandom rnd = new SplittableRandom(18);
    int n = species == FloatVector.SPECIES_512 ? 60 : 700;
    for (int m : new int[] {1, 10, 16}) {
      for (float[] ab : new float[][] {{1f, 0f}, {0.5f, 2f}}) {
        Case cs = new Case(rnd, transA, transB, m, n, 301, ab[0], ab[1], false, 1f);
        float[] whole = cs.run(species);
        for (int[] cuts : splits(n, VectorGemm.SKINNY_MAX + 1)) {
          float[] parts = cs.c.clone();
          for (int q = 0; q + 1 < cuts.length; q++) {
            int from = cuts[q];
            int to = cuts[q + 1];
            VectorGemm.sgemm(species, transA, transB, m, to - from, cs.k, cs.alpha, cs.a, cs.aOff, cs.lda, cs.b,
                transB ? cs.bOff + from * cs.ldb : cs.bOff + from, cs.ldb, cs.beta, parts, cs.cOff + from, cs.ldc);
          }
          assertThat(parts).as("%s split at %s", cs, Arrays.toString(cuts)).containsExactly(whole);
        }
      }
    }
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
