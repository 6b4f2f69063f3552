package dev.xent.kernel;

/**
 * A row-major matrix X [n, d] stored as blocks of {@link #ROWS} rows, each block as {@link #WIDTH}-column panels:
 * element (r, j) of block b at {@code b·ROWS·dp + (j / WIDTH)·ROWS·WIDTH + r·WIDTH + j % WIDTH}, with d padded
 * with zero columns to {@code dp = paddedWidth(d)} and the last block padded with zero rows.
 *
 * <p>The weights W [c, d] that {@link KernelProvider#panelLogits} multiplies with are laid out alike, in groups of
 * classes ({@link #classGroup}: 4, then 2, then 1): group [k, k + g) starts at {@code k·dp}, its element (k + i, j)
 * at {@code k·dp + (j / WIDTH)·g·WIDTH + i·WIDTH + j % WIDTH} (see {@link #packWeights}).
 *
 * <p>It is the layout of {@link KernelProvider#panelLogits} and {@link KernelProvider#panelGradient}, which read a
 * matrix that many passes reuse (the features of full-batch softmax regression): every index in their inner loops
 * is the loop counter times a constant (a row is {@link #WIDTH} floats on from the last, a panel
 * {@code ROWS·WIDTH}), so the JIT drops the bounds checks, and a block is contiguous, in cache between the two
 * products that read it.
 */
public final class RowPanels {
  /**
   * Rows per block: a block of Fashion-MNIST (784 features) is 196 KiB, which stays in a core's 512 KiB L2 between
   * the logits and the gradient of one evaluation, beside W and a partial gradient (31 KiB each).
   */
  public static final int ROWS = 64;

  /** Columns per panel: two 256-bit vectors, four 128-bit, one 512-bit; 784 features are 49 panels, no padding. */
  public static final int WIDTH = 16;

  private RowPanels() {}

  /** d rounded up to whole panels. */
  public static int paddedWidth(int d) {
    return (d + WIDTH - 1) / WIDTH * WIDTH;
  }

  /** The number of blocks of n rows. */
  public static int blocks(int n) {
    return (n + ROWS - 1) / ROWS;
  }

  /** Floats in the panel form of [n, d]; a long, since it can exceed what one Java array holds. */
  public static long size(int n, int d) {
    return (long) blocks(n) * ROWS * paddedWidth(d);
  }

  /** Where block b starts in the panel form of a matrix d wide. */
  public static int blockOffset(int b, int d) {
    return b * ROWS * paddedWidth(d);
  }

  /**
   * Writes rows [from, to) of x [n, d] (row-major) into their places in {@code panels}, transformed by
   * {@code (x - shift[j]) / scale[j]} when shift and scale are not null (the arithmetic of
   * {@link dev.xent.data.Standardizer#apply}). Padding stays as {@code panels} holds it (zeros when new).
   */
  public static void pack(float[] x, int d, int from, int to, float[] shift, float[] scale, float[] panels) {
    int dp = paddedWidth(d);
    for (int i = from; i < to; i++) {
      int base = (i / ROWS) * ROWS * dp + (i % ROWS) * WIDTH;
      int src = i * d;
      for (int j = 0; j < d; j++) {
        float v = shift == null ? x[src + j] : (x[src + j] - shift[j]) / scale[j];
        panels[base + (j / WIDTH) * ROWS * WIDTH + j % WIDTH] = v;
      }
    }
  }

  /** The size of the class group that starts where {@code remaining} classes are left: 4, 2 or 1. */
  public static int classGroup(int remaining) {
    return remaining >= 4 ? 4 : remaining >= 2 ? 2 : 1;
  }

  /** Writes W [c, d] (row-major) into its class-group layout [c, dp]. */
  public static void packWeights(float[] w, int c, int d, float[] out) {
    int dp = paddedWidth(d);
    for (int k = 0; k < c; ) {
      int g = classGroup(c - k);
      for (int i = 0; i < g; i++) {
        for (int j = 0; j < d; j++) {
          out[k * dp + (j / WIDTH) * g * WIDTH + i * WIDTH + j % WIDTH] = w[(k + i) * d + j];
        }
      }
      k += g;
    }
  }
}
