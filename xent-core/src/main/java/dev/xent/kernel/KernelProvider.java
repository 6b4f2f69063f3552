package dev.xent.kernel;

/**
 * The arithmetic kernels behind {@link Kernels}: one scalar implementation (the reference) and one on the
 * JDK Vector API. Implementations are single-threaded; {@link Kernels} splits work across threads by rows, so
 * each output element is computed by exactly one thread in a fixed order and results do not depend on the
 * thread count.
 *
 * <p>Arguments are validated by {@link Kernels}; implementations may assume they are in range.
 */
public interface KernelProvider {
  /** A short name for logs and {@code xent info}, e.g. {@code scalar} or {@code vector}. */
  String name();

  /** The SIMD width in bits, or 0 for the scalar provider. */
  int vectorBitSize();

  /**
   * BLAS-style single-precision matrix product {@code C = alpha·op(A)·op(B) + beta·C}, with
   * {@code op(A)} [m, k] and {@code op(B)} [k, n], all row-major with leading dimensions lda, ldb, ldc.
   * With {@code transA}, A is stored [k, m]; with {@code transB}, B is stored [n, k]. {@code beta == 0} ignores
   * what C held (NaN included).
   */
  void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);

  /**
   * The widest short side for which {@link #sgemm} takes a separate skinny path, or 0 when it has none. Such a
   * path may sum in another order, so {@link Kernels} splits a product only into pieces that take the path of the
   * whole: rows when n ≤ this, columns wider than this when m ≤ this, rows taller than this otherwise.
   */
  default int gemmSkinnyMax() {
    return 0;
  }

  /**
   * Floats in a packing of op(B) that threads can share for a product [m, n] with depth k (see
   * {@link #gemmPackB} and {@link #sgemmPackedB}), or 0 when this provider has none for that shape; then
   * {@link Kernels} splits {@link #sgemm} itself, and each thread packs B on its own.
   */
  default int gemmPackedBSize(int m, int n, int k) {
    return 0;
  }

  /** The number of units (column strips) a packing of op(B) with n columns splits into for {@link #gemmPackB}. */
  default int gemmPackedBStrips(int n) {
    return 0;
  }

  /**
   * The rows of C one register tile of {@link #sgemmPackedB} covers: row blocks that start at multiples of this
   * leave fewer partial tiles. 1 where there is no such tile.
   */
  default int gemmRowTile() {
    return 1;
  }

  /**
   * Packs column strips [from, to) of op(B) [k, n] into {@code packed} (of {@link #gemmPackedBSize} floats); threads
   * may pack disjoint strip ranges of one buffer at once.
   *
   * @param transB B is stored [n, k] instead of [k, n]
   * @throws UnsupportedOperationException where {@link #gemmPackedBSize} is 0 for every shape
   */
  default void gemmPackB(boolean transB, int n, int k, float[] b, int bOff, int ldb, float[] packed, int from,
      int to) {
    throw new UnsupportedOperationException(name() + " kernels have no shared packing");
  }

  /**
   * {@code C = alpha·op(A)·op(B) + beta·C} with op(B) packed by {@link #gemmPackB}: for any m, the same bits, row
   * for row, as {@link #sgemm} of a product of more rows that contains these, so threads may split C by rows and
   * share one packing of B.
   *
   * @throws UnsupportedOperationException where {@link #gemmPackedBSize} is 0 for every shape
   */
  default void sgemmPackedB(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
      float[] packed, float beta, float[] c, int cOff, int ldc) {
    throw new UnsupportedOperationException(name() + " kernels have no shared packing");
  }

  /**
   * Fused softmax cross-entropy with integer targets, rows [from, to) of {@code logits} [rows, cols].
   *
   * <p>Row i's target vector is {@code v = hardCoef[i]·e_{labels[i]} + softCoef[i]·u}, where u is
   * {@code softTarget} [cols] or all ones when it is null, and the hard term is absent when
   * {@code labels[i]} is outside [0, cols). Writes {@code lossOut[i] = -Σ_c v_c·log softmax(z_i)_c} and, when
   * {@code gradOut} is not null, {@code grad_i = gradScale·((Σ_c v_c)·softmax(z_i) - v)}.
   *
   * <p>{@code gradOut} may be {@code logits} itself: the gradient then replaces the logits, with the same bits as
   * in a separate array: every logit a row's loss and gradient need is read before the first of its gradient
   * elements is written, and none is read after.
   *
   * @param softCoef [rows] or null (no soft term)
   */
  void softmaxXentSparse(float[] logits, int cols, int[] labels, float[] hardCoef, float[] softCoef,
      float[] softTarget, float gradScale, double[] lossOut, float[] gradOut, int from, int to);

  /**
   * Fused softmax cross-entropy with dense (one-hot or soft) targets, rows [from, to).
   *
   * <p>Row i's target vector is {@code v = rowCoef[i]·w⊙(y_i(1-ε)+ε/C)}, with w = {@code classWeights} [cols]
   * or all ones when null and ε = {@code smoothing}. Outputs as in {@link #softmaxXentSparse}, {@code gradOut}
   * {@code logits} itself included; never {@code targets}.
   */
  void softmaxXentDense(float[] logits, float[] targets, int cols, float smoothing, float[] classWeights,
      float[] rowCoef, float gradScale, double[] lossOut, float[] gradOut, int from, int to);

  /**
   * Logits of one block of a {@link RowPanels} matrix X: for r < rows and k < c,
   * {@code z[zOff + r·c + k] = Σ_j x(r, j)·w(k, j) + bias[k]}, with x(r, j) the block's element, w(k, j) the
   * element of W in the class-group layout of {@link RowPanels#packWeights} and dp = {@link RowPanels#paddedWidth}(d).
   *
   * @param xOff where the block starts in {@code x} ({@link RowPanels#blockOffset})
   * @param rows the block's real rows, at most {@link RowPanels#ROWS}
   */
  void panelLogits(float[] x, int xOff, int rows, int dp, float[] w, float[] bias, int c, float[] z, int zOff);

  /**
   * Adds the gradient of one block of a {@link RowPanels} matrix X: for k < c and j < dp,
   * {@code gw[gwOff + k·dp + j] += Σ_{r < rows} gt[k·ROWS + r]·x(r, j)}, gt holding the block's output gradient
   * transposed ([c, ROWS], class-major).
   */
  void panelGradient(float[] x, int xOff, int rows, int dp, float[] gt, int c, float[] gw, int gwOff);
}
