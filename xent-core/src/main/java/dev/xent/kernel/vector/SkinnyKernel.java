package dev.xent.kernel.vector;

/**
 * The inner loops of {@link VectorGemm}'s skinny paths (one side of C at most {@link VectorGemm#SKINNY_MAX}
 * wide) at one vector width; see {@link SimdSkinny}.
 */
interface SkinnyKernel {
  /** Floats per vector. */
  int lanes();

  /**
   * Dot products of long rows: for r in [0, bigs) and s in [0, smalls),
   * {@code C[cOff + r·cBig + s·cSmall] = alpha·Σ_p big[bigOff + r·ldBig + p]·small[smallOff + s·ldSmall + p] + beta·C}
   * (C not read when beta is 0). Σ: one fused multiply-add chain per lane over p = lane, lane + L, ... (L = lanes),
   * the lanes summed in lane order, then the last k mod L steps chained on in p order: the same operations
   * whichever block an element falls in.
   *
   * @param lanesBuf at least 10·lanes floats of scratch
   */
  void dot(int bigs, int smalls, int k, float[] big, int bigOff, int ldBig, float[] small, int smallOff,
      int ldSmall, float alpha, float beta, float[] c, int cOff, int cBig, int cSmall, float[] lanesBuf);

  /**
   * Writes the small operand's values for k steps [0, kc) as whole vectors: value (s, p), read at
   * {@code small[smallOff + s·sStride + p·pStride]}, fills {@code aw[(s·kc + p)·L, +L)}.
   */
  void expand(float[] small, int smallOff, int sStride, int pStride, int smalls, int kc, float[] aw);

  /**
   * Continues each accumulator's fused multiply-add chain over kc steps, in p order: for s in [0, smalls) and
   * column j in [0, strips·2L), {@code acc[s·ldAcc + j] = fma(aw[(s·kc + p)·L], B(p, j), acc[s·ldAcc + j])} for
   * p = 0, 1, ..., kc - 1, where the block holds B in strips of 2L columns, strip t at {@code t·kc·2L}, [kc, 2L]
   * row-major (as {@link VectorGemm#packB} lays it out with nr = 2L).
   */
  void outer(int smalls, int strips, int kc, float[] aw, float[] block, float[] acc, int ldAcc);
}
