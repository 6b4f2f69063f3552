package dev.xent.kernel.vector;

import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix multiply on the Vector API, BLAS-style and row-major:
 * {@code C = alpha·op(A)·op(B) + beta·C} (see {@link dev.xent.kernel.KernelProvider#sgemm}).
 *
 * <p>GotoBLAS loop order: for each block of {@link #NC} columns and {@link #KC} steps of k, B is packed into
 * contiguous strips of {@code nr} columns (transposing it when {@code transB}); for each block of {@link #MC}
 * rows, A is packed into strips of {@link MicroKernel#MR} rows (transposing it when {@code transA}); then a
 * {@link MicroKernel} computes each MR x nr tile of C from one A strip and one B strip. Packing pads partial
 * strips with zeros, so every tile runs the same full-width vector loop, and transposes cost only the packing.
 *
 * <p>Deterministic: every C element is {@code alpha·Σ + beta·C} per k block, where Σ is a chain of fused
 * multiply-adds in k order and the k blocks depend on k alone. So an element's bits do not depend on m, on which
 * rows a call covers, or on where in a tile the row falls, and splitting C's rows across threads (as
 * {@link dev.xent.kernel.Kernels} does) gives the same result as one call.
 *
 * <p>Packing buffers live in a per-thread workspace that only grows, so steady-state calls allocate nothing.
 */
public final class VectorGemm {
  /**
   * k steps per packed block: a B strip of KC x 16 floats is 16 KiB, half the 32 KiB L1d, so it stays in L1
   * while every A strip streams past it. Measured on the 128x784x256 forward product at 256 bits: 256 gave
   * the best of {128, 256, 384, 784} (see the report in the commit history / GemmThroughput).
   */
  static final int KC = 256;

  /**
   * Rows of A per packed block: MC x KC floats = 144 KiB, under a third of the 512 KiB L2, so the A block stays
   * in L2 across all B strips; a multiple of MR (6) so only the last strip of the matrix is partial.
   */
  static final int MC = 144;

  /**
   * Columns of B per packed block: KC x NC floats = 2 MiB, a slice of the shared L3; every MLP layer width
   * (at most 784) fits in one block, so B is packed once per k block.
   */
  static final int NC = 2048;

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private VectorGemm() {}

  /**
   * {@code C = alpha·op(A)·op(B) + beta·C} with {@code op(A)} [m, k] and {@code op(B)} [k, n].
   *
   * <p>Arguments are assumed valid (as {@link dev.xent.kernel.Kernels} checks them).
   *
   * @param species the vector width: {@code FloatVector.SPECIES_128}, {@code _256} or {@code _512}
   * @param transA A is stored [k, m] (row-major, leading dimension lda) instead of [m, k]
   * @param transB B is stored [n, k] (like a PyTorch {@code nn.Linear} weight) instead of [k, n]
   * @param a A's first element at {@code aOff}, rows {@code lda} apart
   * @param b B's first element at {@code bOff}, rows {@code ldb} apart
   * @param beta 0 means C's old contents are ignored, NaN included
   * @param c [m, n] at {@code cOff}, rows {@code ldc} apart
   */
  public static void sgemm(VectorSpecies<Float> species, boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
      float[] c, int cOff, int ldc) {
    if (m <= 0 || n <= 0) {
      return;
    }
    if (k <= 0) {
      scaleOnly(m, n, alpha, beta, c, cOff, ldc);
      return;
    }
    MicroKernel kernel = MicroKernel.of(species);
    int nr = kernel.nr;
    Workspace ws = WORKSPACE.get();
    float[] bPack = ws.bPack(roundUp(Math.min(n, NC), nr) * Math.min(k, KC));
    float[] aPack = ws.aPack(roundUp(Math.min(m, MC), MicroKernel.MR) * Math.min(k, KC));
    float[] tile = ws.tile(MicroKernel.MR * nr);
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        // Later k blocks add onto what the earlier ones wrote.
        float blockBeta = pc == 0 ? beta : 1f;
        if (transB) {
          packBTransposed(b, bOff, ldb, pc, kc, jc, nc, nr, bPack);
        } else {
          packB(b, bOff, ldb, pc, kc, jc, nc, nr, bPack);
        }
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          if (transA) {
            packATransposed(a, aOff, lda, ic, mc, pc, kc, aPack);
          } else {
            packA(a, aOff, lda, ic, mc, pc, kc, aPack);
          }
          for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int bStrip = jr * kc;
            for (int ir = 0; ir < mc; ir += MicroKernel.MR) {
              int rows = Math.min(MicroKernel.MR, mc - ir);
              kernel.compute(kc, aPack, ir * kc, bPack, bStrip, c, cOff + (ic + ir) * ldc + jc + jr, ldc,
                  rows, cols, alpha, blockBeta, tile);
            }
          }
        }
      }
    }
  }

  /** k == 0: the product is zero, so C = alpha·0 + beta·C with the kernels' rounding. */
  private static void scaleOnly(int m, int n, float alpha, float beta, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int ci = cOff + i * ldc + j;
        c[ci] = beta == 0f ? alpha * 0f : alpha * 0f + beta * c[ci];
      }
    }
  }

  /**
   * Packs B[pc..pc+kc, jc..jc+nc] (B stored [k, n]) into strips of nr columns: strip s at {@code s·nr·kc},
   * [kc, nr] row-major, zero-padded past column nc.
   */
  static void packB(float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, int nr, float[] out) {
    for (int js = 0; js < nc; js += nr) {
      int cols = Math.min(nr, nc - js);
      int o = js * kc;
      int src = bOff + pc * ldb + jc + js;
      for (int p = 0; p < kc; p++, o += nr, src += ldb) {
        System.arraycopy(b, src, out, o, cols);
        for (int j = cols; j < nr; j++) {
          out[o + j] = 0f;
        }
      }
    }
  }

  /** As {@link #packB} for B stored [n, k]: strip element (p, j) is {@code b[(jc+js+j)·ldb + pc+p]}. */
  static void packBTransposed(float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, int nr,
      float[] out) {
    for (int js = 0; js < nc; js += nr) {
      int cols = Math.min(nr, nc - js);
      int strip = js * kc;
      for (int j = 0; j < nr; j++) {
        int o = strip + j;
        if (j < cols) {
          // One contiguous row of stored B becomes one column of the strip.
          int src = bOff + (jc + js + j) * ldb + pc;
          for (int p = 0; p < kc; p++, o += nr) {
            out[o] = b[src + p];
          }
        } else {
          for (int p = 0; p < kc; p++, o += nr) {
            out[o] = 0f;
          }
        }
      }
    }
  }

  /**
   * Packs A[ic..ic+mc, pc..pc+kc] (A stored [m, k]) into strips of MR rows: strip t at {@code t·MR·kc},
   * [kc, MR] row-major (the MR values one k step broadcasts are adjacent), zero-padded past row mc.
   */
  static void packA(float[] a, int aOff, int lda, int ic, int mc, int pc, int kc, float[] out) {
    final int mr = MicroKernel.MR;
    for (int is = 0; is < mc; is += mr) {
      int rows = Math.min(mr, mc - is);
      int strip = is * kc;
      for (int r = 0; r < mr; r++) {
        int o = strip + r;
        if (r < rows) {
          int src = aOff + (ic + is + r) * lda + pc;
          for (int p = 0; p < kc; p++, o += mr) {
            out[o] = a[src + p];
          }
        } else {
          for (int p = 0; p < kc; p++, o += mr) {
            out[o] = 0f;
          }
        }
      }
    }
  }

  /** As {@link #packA} for A stored [k, m]: each k step's MR values are already adjacent in A. */
  static void packATransposed(float[] a, int aOff, int lda, int ic, int mc, int pc, int kc, float[] out) {
    final int mr = MicroKernel.MR;
    for (int is = 0; is < mc; is += mr) {
      int rows = Math.min(mr, mc - is);
      int o = is * kc;
      int src = aOff + pc * lda + ic + is;
      for (int p = 0; p < kc; p++, o += mr, src += lda) {
        System.arraycopy(a, src, out, o, rows);
        for (int r = rows; r < mr; r++) {
          out[o + r] = 0f;
        }
      }
    }
  }

  private static int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
  }

  /** One thread's packing buffers; each grows to the largest size asked for and is then reused. */
  private static final class Workspace {
    private float[] aPack = new float[0];
    private float[] bPack = new float[0];
    private float[] tile = new float[0];

    float[] aPack(int size) {
      if (aPack.length < size) {
        aPack = new float[size];
      }
      return aPack;
    }

    float[] bPack(int size) {
      if (bPack.length < size) {
        bPack = new float[size];
      }
      return bPack;
    }

    float[] tile(int size) {
      if (tile.length < size) {
        tile = new float[size];
      }
      return tile;
    }
  }
}
