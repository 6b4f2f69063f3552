package dev.xent.kernel.vector;

import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix multiply on the Vector API, BLAS-style and row-major:
 * {@code C = alpha·op(A)·op(B) + beta·C} (see {@link dev.xent.kernel.KernelProvider#sgemm}).
 *
 * <p>GotoBLAS loop order: for each block of columns and k steps, B is packed into contiguous strips of
 * {@code nr} columns (transposing it when {@code transB}); then for each strip of {@link MicroKernel#MR} rows,
 * A is packed (transposing it when {@code transA}) and each value broadcast to a whole vector; then a
 * {@link MicroKernel} computes each MR x nr tile of that row strip from the A strip and one B strip. Packing pads
 * partial strips with zeros, so every tile runs the same full-width vector loop, and transposes cost only the
 * packing. The A strip stays in L1 while the B block streams from L2.
 *
 * <p>Deterministic: every C element is {@code alpha·Σ + beta·C} per k block, where Σ is a chain of fused
 * multiply-adds in k order and the k blocks depend on k and the vector width alone. So an element's bits do not
 * depend on m, on which rows a call covers, or on where in a tile the row falls, and splitting C's rows across
 * threads (as {@link dev.xent.kernel.Kernels} does) gives the same result as one call.
 *
 * <p>Packing buffers live in a per-thread workspace that only grows, so steady-state calls allocate nothing.
 */
public final class VectorGemm {
  /**
   * Floats in one packed, broadcast A strip (MR x kc values x lanes): 3072 floats = 12 KiB, so the strip and the
   * B strips streaming past it share the 32 KiB L1d; this sets kc = 64 at 256 bits. Swept on the batch-128 MLP
   * products at 256 bits (GFLOP/s, machine loaded): kc 64 / 128 / 256 gave 62.6 / 57.3 / 49.1 on dY·W1 and
   * 70.2 / 62.9 / 56.5 on dY^T·X; 48, 80 and 96 were within noise of 64.
   */
  static final int A_STRIP_FLOATS = 3072;

  /**
   * Floats in one packed B block (kc x nc): 65536 floats = 256 KiB, half the 512 KiB L2, so the block stays in L2
   * while every A strip passes over it; this sets nc = 1024 at 256 bits, so each MLP layer (at most 784 wide)
   * packs B once per k block and A once in all. A 512 KiB block measured the same.
   */
  static final int B_BLOCK_FLOATS = 65536;

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
   * @throws IllegalArgumentException for another species (see {@link #supports})
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
    final int mr = MicroKernel.MR;
    int nr = kernel.nr;
    int kcMax = Math.max(1, A_STRIP_FLOATS / (mr * kernel.lanes));
    int kBlock = blockSize(k, kcMax);
    int ncMax = Math.max(nr, B_BLOCK_FLOATS / kcMax / nr * nr);
    int nBlock = roundUp(blockSize(n, ncMax), nr);
    Workspace ws = WORKSPACE.get();
    float[] bPack = ws.bPack(Math.min(nBlock, roundUp(n, nr)) * kBlock);
    float[] aStrip = ws.aStrip(mr * kBlock);
    float[] aWide = ws.aWide(mr * kBlock * kernel.lanes);
    float[] tile = ws.tile(mr * nr);
    for (int jc = 0; jc < n; jc += nBlock) {
      int nc = Math.min(nBlock, n - jc);
      for (int pc = 0; pc < k; pc += kBlock) {
        int kc = Math.min(kBlock, k - pc);
        // Later k blocks add onto what the earlier ones wrote.
        float blockBeta = pc == 0 ? beta : 1f;
        if (transB) {
          packBTransposed(b, bOff, ldb, pc, kc, jc, nc, nr, bPack);
        } else {
          packB(b, bOff, ldb, pc, kc, jc, nc, nr, bPack);
        }
        for (int ir = 0; ir < m; ir += mr) {
          int rows = Math.min(mr, m - ir);
          if (transA) {
            packATransposed(a, aOff, lda, ir, rows, pc, kc, aStrip);
          } else {
            packA(a, aOff, lda, ir, rows, pc, kc, aStrip);
          }
          kernel.expand(aStrip, mr * kc, aWide);
          int cRow = cOff + ir * ldc + jc;
          for (int jr = 0; jr < nc; jr += nr) {
            kernel.multiply(kc, aWide, 0, bPack, jr * kc, tile);
            int cols = Math.min(nr, nc - jr);
            if (rows == mr && cols == nr) {
              kernel.update(tile, c, cRow + jr, ldc, alpha, blockBeta);
            } else {
              kernel.updatePartial(tile, c, cRow + jr, ldc, rows, cols, alpha, blockBeta);
            }
          }
        }
      }
    }
  }

  /** Whether {@link #sgemm} has a micro-kernel for {@code species}: the 128-, 256- and 512-bit float species. */
  public static boolean supports(VectorSpecies<Float> species) {
    return MicroKernel.supports(species);
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

  /**
   * As {@link #packB} for B stored [n, k]: strip element (p, j) is {@code b[(jc+js+j)·ldb + pc+p]}. Four stored
   * rows at a time, each read contiguously: 106 vs 117 µs for one row at a time on the 256 x 784 weight.
   */
  static void packBTransposed(float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, int nr,
      float[] out) {
    for (int js = 0; js < nc; js += nr) {
      int cols = Math.min(nr, nc - js);
      int strip = js * kc;
      int j = 0;
      for (; j + 4 <= cols; j += 4) {
        int s0 = bOff + (jc + js + j) * ldb + pc;
        int s1 = s0 + ldb;
        int s2 = s1 + ldb;
        int s3 = s2 + ldb;
        for (int p = 0, o = strip + j; p < kc; p++, o += nr) {
          out[o] = b[s0 + p];
          out[o + 1] = b[s1 + p];
          out[o + 2] = b[s2 + p];
          out[o + 3] = b[s3 + p];
        }
      }
      for (; j < nr; j++) {
        int o = strip + j;
        if (j < cols) {
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
   * Packs rows [i0, i0+rows) x k steps [pc, pc+kc) of A (stored [m, k]) as one strip [kc, MR], row-major (the MR
   * values one k step uses are adjacent), zero-padded past {@code rows}.
   */
  static void packA(float[] a, int aOff, int lda, int i0, int rows, int pc, int kc, float[] out) {
    final int mr = MicroKernel.MR;
    for (int r = 0; r < mr; r++) {
      int o = r;
      if (r < rows) {
        int src = aOff + (i0 + r) * lda + pc;
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

  /**
   * As {@link #packA} for A stored [k, m]: each k step's MR values are already adjacent in A. An unrolled copy,
   * not System.arraycopy, for the six values: 54 vs 88 µs per 128 x 784 matrix.
   */
  static void packATransposed(float[] a, int aOff, int lda, int i0, int rows, int pc, int kc, float[] out) {
    final int mr = MicroKernel.MR;
    int src = aOff + pc * lda + i0;
    if (rows == mr) {
      for (int p = 0, o = 0; p < kc; p++, o += mr, src += lda) {
        out[o] = a[src];
        out[o + 1] = a[src + 1];
        out[o + 2] = a[src + 2];
        out[o + 3] = a[src + 3];
        out[o + 4] = a[src + 4];
        out[o + 5] = a[src + 5];
      }
      return;
    }
    for (int p = 0, o = 0; p < kc; p++, o += mr, src += lda) {
      for (int r = 0; r < mr; r++) {
        out[o + r] = r < rows ? a[src + r] : 0f;
      }
    }
  }

  /**
   * The size of ceil(total / max) equal blocks covering total: 784 = 4 x 196 rather than 3 x 256 + 16, so no
   * block is a short remainder that pays the per-block C update for little work. Depends on total alone.
   */
  static int blockSize(int total, int max) {
    int blocks = (total + max - 1) / max;
    return (total + blocks - 1) / blocks;
  }

  private static int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
  }

  /** One thread's packing buffers; each grows to the largest size asked for and is then reused. */
  private static final class Workspace {
    private float[] aStrip = new float[0];
    private float[] aWide = new float[0];
    private float[] bPack = new float[0];
    private float[] tile = new float[0];

    float[] aStrip(int size) {
      if (aStrip.length < size) {
        aStrip = new float[size];
      }
      return aStrip;
    }

    float[] aWide(int size) {
      if (aWide.length < size) {
        aWide = new float[size];
      }
      return aWide;
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
