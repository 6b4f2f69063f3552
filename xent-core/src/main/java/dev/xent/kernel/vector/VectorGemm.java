package dev.xent.kernel.vector;

import java.util.Arrays;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix multiply on the Vector API, BLAS-style and row-major:
 * {@code C = alpha·op(A)·op(B) + beta·C} (see {@link dev.xent.kernel.KernelProvider#sgemm}).
 *
 * <p>GotoBLAS loop order: for each block of columns and k steps, B is packed into contiguous strips of
 * {@code nr} columns (transposing it when {@code transB}); then for each block of rows, A is packed into [kc,
 * {@link MicroKernel#MR}] strips (transposing it when {@code transA}); then for each B strip, a {@link MicroKernel}
 * computes the MR x nr tile of each A strip with it (BLIS's loop order: the B strip stays in L1 while the A block
 * streams past from L2, 4 FMAs per B load from L1 and 2 per broadcast A load from L2). Packing pads partial
 * strips with zeros, so every tile runs the same full-width vector loop, and transposes cost only the packing.
 *
 * <p>Skinny products, where C has at most {@link #SKINNY_MAX} columns (or, failing that, rows), skip the packing
 * and stream the big operand once (see {@link #SKINNY_MAX}): where k runs contiguously along the big operand's
 * rows, each C element is a vector dot product of two rows ({@link SkinnyKernel#dot}); where the big operand runs
 * contiguously along C's long side, each k step adds a scaled row of it into all the short rows of C at once
 * ({@link SkinnyKernel#outer}), the few values of the small operand pre-broadcast to whole vectors.
 *
 * <p>Deterministic: on the packed path every C element is {@code alpha·Σ + beta·C} per k block, where Σ is a
 * chain of fused multiply-adds in k order and the k blocks depend on k and the vector width alone; on the skinny
 * paths Σ is one sum over all of k in an order fixed by k and the width (see {@link SkinnyKernel}). So an
 * element's bits depend only on k, the width and the path, and the path on (m, n) alone: n ≤ SKINNY_MAX, else
 * m ≤ SKINNY_MAX, else packed. Splitting C into row blocks (or column blocks) that keep the path of the whole
 * call, as {@link dev.xent.kernel.Kernels} does, gives the same bits as one call: rows in any blocks when
 * n ≤ SKINNY_MAX, columns in blocks wider than SKINNY_MAX when m ≤ SKINNY_MAX, rows in blocks taller than
 * SKINNY_MAX otherwise.
 *
 * <p>For threads that split one product by rows, {@link #packBStrips} packs op(B) for every k block into one buffer
 * (each thread a range of its strips) and {@link #sgemmPackedB} computes any block of rows from it, with the same
 * bits as {@link #sgemm}; so B is packed once, not once per thread.
 *
 * <p>Packing buffers live in a per-thread workspace that only grows, so steady-state calls allocate nothing.
 */
public final class VectorGemm {
  /**
   * Floats in one packed B strip (kc x nr values): 4096 floats = 16 KiB, so the strip, the A strip beside it
   * (kc x 4 floats, 4 KiB at 256 bits) and the tile share the 32 KiB L1d; this sets kc = 256 at 256 bits (512 at
   * 128, 128 at 512), in equal blocks of k (4 x 196 for the 784 MLP inputs): longer blocks mean fewer passes of
   * the C update. Swept on the batch-128 MLP products at 256 bits, one thread, versions interleaved in one JVM (best
   * µs): 2048 / 4096 / 8192 floats gave 911 / 834 / 896 on X[128,784]·W1ᵀ, 741 / 696 / 697 on dYᵀ·X, and within
   * 7% of each other on the 128 x 256 products.
   */
  static final int B_STRIP_FLOATS = 4096;

  /**
   * Floats in one packed A block (mc x kc): 32768 floats = 128 KiB, a quarter of the 512 KiB L2, so the block stays
   * in L2 while each B strip in L1 meets all its row strips; this sets mc = 164 at kc = 196, so a batch of 128
   * rows packs A once per k block.
   */
  static final int A_BLOCK_FLOATS = 32768;

  /**
   * Floats in one packed B block (kc x nc): 65536 floats = 256 KiB, which with the A block (128 KiB) fits the 512
   * KiB L2, so each strip is still in L2 when the loop over the block's strips reaches it; this sets nc = 256 at
   * kc = 256 and nc = 320 at the MLP's kc = 196 (so its 256-wide products take one column block).
   */
  static final int B_BLOCK_FLOATS = 65536;

  /**
   * The widest short side that takes a skinny path: the packed path's 4 x 16 tile (at 256 bits) wastes columns
   * below 16 and repacks the big operand on every call. Measured at 10 classes, one thread, 256 bits, shared
   * machine (ms per call, packed then skinny): logits X[60000,784]·Wᵀ 258 → 47, W·Xᵀ 91 → 45, gradient Gᵀ·X
   * with k = 60000 105 → 60, MLP output H[128,128]·W3ᵀ 0.046 → 0.016, dW3 = dYᵀ·H 0.019 → 0.017. The limit 16
   * itself was not swept.
   */
  public static final int SKINNY_MAX = 16;

  /**
   * k steps per block of the outer-product path: 32 steps x at most 16 short rows x 8 lanes = 16 KiB of broadcast
   * values at 256 bits (10 rows: 10 KiB) stay in L1 while the block's packed rows (32 x 1024 floats = 128 KiB)
   * stay in L2.
   */
  static final int OUTER_K = 32;

  /**
   * Long-side columns per block of the outer-product path: a whole 784-wide feature row in one block, the block's
   * accumulators (at most 16 x 1024 floats = 64 KiB) in L2 across its k steps.
   */
  static final int OUTER_COLS = 1024;

  /** Rows of C per register tile ({@link MicroKernel#MR}), for callers that split C into row blocks. */
  public static final int ROW_TILE = MicroKernel.MR;

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
    if (n <= SKINNY_MAX) {
      skinnyColumns(species, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    if (m <= SKINNY_MAX) {
      skinnyRows(species, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    packedPath(MicroKernel.of(species), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, null, beta, c,
        cOff, ldc);
  }

  /**
   * Floats in the shared packed form of op(B) [k, n] that {@link #packBStrips} fills and {@link #sgemmPackedB}
   * reads, or 0 when a product [m, n] takes a skinny path (which packs nothing). The form is every k block's
   * packing of the whole of op(B) one after the other: {@code roundUp(n, nr) · k} floats.
   */
  public static int packedBSize(VectorSpecies<Float> species, int m, int n, int k) {
    if (m <= SKINNY_MAX || n <= SKINNY_MAX || k <= 0) {
      return 0;
    }
    return Math.multiplyExact(roundUp(n, MicroKernel.of(species).nr), k);
  }

  /** The number of column strips of the packed form of op(B) with n columns: the units {@link #packBStrips} splits. */
  public static int packedBStrips(VectorSpecies<Float> species, int n) {
    int nr = MicroKernel.of(species).nr;
    return (n + nr - 1) / nr;
  }

  /**
   * Packs column strips [from, to) of op(B) [k, n] for every k block into {@code packed} (see {@link #packedBSize}),
   * exactly as {@link #sgemm} packs them block by block; disjoint strip ranges may be packed by different threads.
   *
   * @param transB B is stored [n, k] instead of [k, n]
   */
  public static void packBStrips(VectorSpecies<Float> species, boolean transB, int n, int k, float[] b, int bOff,
      int ldb, float[] packed, int from, int to) {
    MicroKernel kernel = MicroKernel.of(species);
    int nr = kernel.nr;
    int kBlock = kBlock(kernel, k);
    int nPad = roundUp(n, nr);
    int jc = from * nr;
    int nc = Math.min(n, to * nr) - jc;
    if (nc <= 0) {
      return;
    }
    for (int pc = 0; pc < k; pc += kBlock) {
      int kc = Math.min(kBlock, k - pc);
      int outOff = pc * nPad + jc * kc;
      if (transB) {
        packBTransposed(b, bOff, ldb, pc, kc, jc, nc, nr, packed, outOff);
      } else {
        packB(b, bOff, ldb, pc, kc, jc, nc, nr, packed, outOff);
      }
    }
  }

  /**
   * {@link #sgemm} on the packed path with op(B) already packed by {@link #packBStrips}, for any number of rows m:
   * gives the same bits, row for row, as {@link #sgemm} of a product [M, n] (M > SKINNY_MAX) that contains these
   * rows, so threads may each take a block of rows of C and share one packing of B.
   */
  public static void sgemmPackedB(VectorSpecies<Float> species, boolean transA, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] packed, float beta, float[] c, int cOff, int ldc) {
    if (m <= 0 || n <= 0 || k <= 0) {
      return;
    }
    packedPath(MicroKernel.of(species), transA, false, m, n, k, alpha, a, aOff, lda, null, 0, 0, packed, beta, c,
        cOff, ldc);
  }

  /** k steps per block: as many as keep a B strip within {@link #B_STRIP_FLOATS}, in equal blocks. */
  private static int kBlock(MicroKernel kernel, int k) {
    return blockSize(k, kcMax(kernel));
  }

  private static int kcMax(MicroKernel kernel) {
    return Math.max(1, B_STRIP_FLOATS / kernel.nr);
  }

  /**
   * The packed path: B packed block by block into the workspace, or, when {@code prepacked} is not null, read from
   * there (laid out by {@link #packBStrips}).
   */
  private static void packedPath(MicroKernel kernel, boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] prepacked, float beta,
      float[] c, int cOff, int ldc) {
    final int mr = MicroKernel.MR;
    int nr = kernel.nr;
    int kBlock = kBlock(kernel, k);
    int ncMax = Math.max(nr, B_BLOCK_FLOATS / kBlock / nr * nr);
    int nBlock = roundUp(blockSize(n, ncMax), nr);
    int nPad = roundUp(n, nr);
    Workspace ws = WORKSPACE.get();
    float[] bPack = prepacked != null ? prepacked : ws.bPack(Math.min(nBlock, nPad) * kBlock);
    int mBlock = roundUp(blockSize(m, Math.max(mr, A_BLOCK_FLOATS / kBlock / mr * mr)), mr);
    float[] aPack = ws.aPack(Math.min(mBlock, roundUp(m, mr)) * kBlock);
    float[] tile = ws.tile(mr * nr);
    for (int jc = 0; jc < n; jc += nBlock) {
      int nc = Math.min(nBlock, n - jc);
      for (int pc = 0; pc < k; pc += kBlock) {
        int kc = Math.min(kBlock, k - pc);
        // Later k blocks add onto what the earlier ones wrote.
        float blockBeta = pc == 0 ? beta : 1f;
        int bBase;
        if (prepacked != null) {
          bBase = pc * nPad + jc * kc;
        } else {
          bBase = 0;
          if (transB) {
            packBTransposed(b, bOff, ldb, pc, kc, jc, nc, nr, bPack, 0);
          } else {
            packB(b, bOff, ldb, pc, kc, jc, nc, nr, bPack, 0);
          }
        }
        for (int ic = 0; ic < m; ic += mBlock) {
          int mc = Math.min(mBlock, m - ic);
          for (int ir = 0; ir < mc; ir += mr) {
            packA(a, aOff, lda, transA, ic + ir, Math.min(mr, mc - ir), pc, kc, aPack, ir * kc);
          }
          // Each B strip stays in L1 while the A strips of the block stream past it from L2.
          for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int bStrip = bBase + jr * kc;
            for (int ir = 0; ir < mc; ir += mr) {
              int rows = Math.min(mr, mc - ir);
              int cTile = cOff + (ic + ir) * ldc + jc + jr;
              kernel.multiply(kc, aPack, ir * kc, bPack, bStrip, tile);
              if (cols == nr) {
                kernel.update(tile, c, cTile, ldc, rows, alpha, blockBeta);
              } else {
                kernel.updatePartial(tile, c, cTile, ldc, rows, cols, alpha, blockBeta);
              }
            }
          }
        }
      }
    }
  }

  /** C [m, n] with n ≤ SKINNY_MAX: A is the big operand, its rows (or, with transA, its columns) streamed once. */
  private static void skinnyColumns(VectorSpecies<Float> species, boolean transA, boolean transB, int m, int n,
      int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c,
      int cOff, int ldc) {
    SkinnyKernel sk = SkinnyKernels.of(species);
    Workspace ws = WORKSPACE.get();
    if (!transA) {
      // Row i of C: dot products of A's row i with the n columns of op(B), held as rows of length k.
      float[] small = b;
      int smallOff = bOff;
      int ldSmall = ldb;
      if (!transB) {
        small = ws.small(n * k);
        transpose(b, bOff, ldb, k, n, small);
        smallOff = 0;
        ldSmall = k;
      }
      sk.dot(m, n, k, a, aOff, lda, small, smallOff, ldSmall, alpha, beta, c, cOff, ldc, 1,
          ws.lanes(10 * sk.lanes()));
    } else {
      // A stored [k, m]: each k step adds A's row p, scaled by op(B)[p, j], into column j of C.
      outer(sk, ws, n, m, k, b, bOff, transB ? ldb : 1, transB ? 1 : ldb, a, aOff, lda, alpha, beta, c, cOff,
          ldc, 1);
    }
  }

  /** C [m, n] with m ≤ SKINNY_MAX and n larger: B is the big operand, streamed once. */
  private static void skinnyRows(VectorSpecies<Float> species, boolean transA, boolean transB, int m, int n,
      int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c,
      int cOff, int ldc) {
    SkinnyKernel sk = SkinnyKernels.of(species);
    Workspace ws = WORKSPACE.get();
    if (transB) {
      // B stored [n, k]: column j of C is dot products of B's row j with the m rows of op(A).
      float[] small = a;
      int smallOff = aOff;
      int ldSmall = lda;
      if (transA) {
        small = ws.small(m * k);
        transpose(a, aOff, lda, k, m, small);
        smallOff = 0;
        ldSmall = k;
      }
      sk.dot(n, m, k, b, bOff, ldb, small, smallOff, ldSmall, alpha, beta, c, cOff, 1, ldc,
          ws.lanes(10 * sk.lanes()));
    } else {
      // B stored [k, n]: each k step adds B's row p, scaled by op(A)[i, p], into row i of C.
      outer(sk, ws, m, n, k, a, aOff, transA ? 1 : lda, transA ? lda : 1, b, bOff, ldb, alpha, beta, c, cOff,
          1, ldc);
    }
  }

  /** out [cols, rows] = the transpose of src [rows, cols] at srcOff (rows ld apart); out packed. */
  private static void transpose(float[] src, int srcOff, int ld, int rows, int cols, float[] out) {
    for (int p = 0; p < rows; p++) {
      int s = srcOff + p * ld;
      for (int j = 0; j < cols; j++) {
        out[j * rows + p] = src[s + j];
      }
    }
  }

  /**
   * The outer-product path: for s < smalls and r < bigs, {@code C[cOff + r·cBig + s·cSmall] = alpha·Σ_p
   * small(s, p)·big[bigOff + p·ldBig + r] + beta·C}, small(s, p) at {@code small[smallOff + s·sStride +
   * p·pStride]}. Σ is one fused multiply-add chain in p order, carried through the accumulator buffer across k
   * blocks, so blocking does not change it.
   */
  private static void outer(SkinnyKernel sk, Workspace ws, int smalls, int bigs, int k, float[] small,
      int smallOff, int sStride, int pStride, float[] big, int bigOff, int ldBig, float alpha, float beta,
      float[] c, int cOff, int cBig, int cSmall) {
    int nr = 2 * sk.lanes();
    int ldAcc = roundUp(Math.min(OUTER_COLS, bigs), nr);
    float[] acc = ws.acc(smalls * ldAcc);
    float[] aw = ws.aPack(OUTER_K * smalls * sk.lanes());
    float[] block = ws.bPack(OUTER_K * ldAcc);
    for (int jb = 0; jb < bigs; jb += OUTER_COLS) {
      int nb = Math.min(OUTER_COLS, bigs - jb);
      int strips = (nb + nr - 1) / nr;
      Arrays.fill(acc, 0, smalls * ldAcc, 0f);
      for (int pc = 0; pc < k; pc += OUTER_K) {
        int kc = Math.min(OUTER_K, k - pc);
        sk.expand(small, smallOff + pc * pStride, sStride, pStride, smalls, kc, aw);
        // Pack the block into zero-padded strips of 2L columns, reading the big operand row after row (at memory
        // speed, where the kernel's column strips would touch kc rows at once) and giving the kernel indices
        // with constant strides.
        packB(big, bigOff, ldBig, pc, kc, jb, nb, nr, block, 0);
        sk.outer(smalls, strips, kc, aw, block, acc, ldAcc);
      }
      for (int s = 0; s < smalls; s++) {
        for (int r = 0; r < nb; r++) {
          int ci = cOff + (jb + r) * cBig + s * cSmall;
          float sum = acc[s * ldAcc + r];
          c[ci] = beta == 0f ? alpha * sum : alpha * sum + beta * c[ci];
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
   * Packs rows [i0, i0+rows) x k steps [pc, pc+kc) of op(A) into the [kc, MR] strip {@link MicroKernel#multiply}
   * reads: value (p, r) at {@code dstOff + p·MR + r}, rows past {@code rows} zeros.
   *
   * @param transA A is stored [k, m] (rows lda apart) instead of [m, k]
   */
  static void packA(float[] a, int aOff, int lda, boolean transA, int i0, int rows, int pc, int kc, float[] dst,
      int dstOff) {
    final int mr = MicroKernel.MR;
    if (transA && rows == mr) {
      // The MR values of step p are adjacent in A (unrolled for MR = 4).
      for (int p = 0, o = dstOff; p < kc; p++, o += mr) {
        int src = aOff + (pc + p) * lda + i0;
        dst[o] = a[src];
        dst[o + 1] = a[src + 1];
        dst[o + 2] = a[src + 2];
        dst[o + 3] = a[src + 3];
      }
      return;
    }
    if (transA) {
      for (int p = 0, o = dstOff; p < kc; p++, o += mr) {
        int src = aOff + (pc + p) * lda + i0;
        for (int r = 0; r < mr; r++) {
          dst[o + r] = r < rows ? a[src + r] : 0f;
        }
      }
      return;
    }
    if (rows == mr) {
      // Four stored rows read side by side, each contiguously (unrolled for MR = 4).
      int s0 = aOff + i0 * lda + pc;
      int s1 = s0 + lda;
      int s2 = s1 + lda;
      int s3 = s2 + lda;
      for (int p = 0, o = dstOff; p < kc; p++, o += mr) {
        dst[o] = a[s0 + p];
        dst[o + 1] = a[s1 + p];
        dst[o + 2] = a[s2 + p];
        dst[o + 3] = a[s3 + p];
      }
      return;
    }
    for (int r = 0; r < mr; r++) {
      int src = aOff + (i0 + r) * lda + pc;
      for (int p = 0, o = dstOff + r; p < kc; p++, o += mr) {
        dst[o] = r < rows ? a[src + p] : 0f;
      }
    }
  }

  /**
   * Packs B[pc..pc+kc, jc..jc+nc] (B stored [k, n]) into strips of nr columns: strip s at {@code outOff + s·nr·kc},
   * [kc, nr] row-major, zero-padded past column nc.
   */
  static void packB(float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, int nr, float[] out,
      int outOff) {
    for (int js = 0; js < nc; js += nr) {
      int cols = Math.min(nr, nc - js);
      int o = outOff + js * kc;
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
      float[] out, int outOff) {
    for (int js = 0; js < nc; js += nr) {
      int cols = Math.min(nr, nc - js);
      int strip = outOff + js * kc;
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
    private float[] aPack = new float[0];
    private float[] bPack = new float[0];
    private float[] tile = new float[0];
    private float[] small = new float[0];
    private float[] acc = new float[0];
    private float[] lanes = new float[0];

    float[] small(int size) {
      if (small.length < size) {
        small = new float[size];
      }
      return small;
    }

    float[] acc(int size) {
      if (acc.length < size) {
        acc = new float[size];
      }
      return acc;
    }

    float[] lanes(int size) {
      if (lanes.length < size) {
        lanes = new float[size];
      }
      return lanes;
    }

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
